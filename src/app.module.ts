import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ConsistencyModule } from './consistency/consistency.module';
import { AuditModule } from './audit/audit.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { BookingsModule } from './bookings/bookings.module';
import { EventsModule } from './events/events.module';
import { FollowUpModule } from './follow-up/follow-up.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { LocksModule } from './locks/locks.module';
import { PaymentsModule } from './payments/payments.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({
  imports: [
    ConfigModule,
    ClockModule,
    LoggingModule,
    // Domain events: a module that must act on another's ending handles its event (@OnEvent) instead of being called back.
    EventEmitterModule.forRoot(),
    AuthModule,
    MetricsModule,
    DatabaseModule,
    FollowUpModule,
    HealthModule,
    IdempotencyModule,
    AuditModule,
    EventsModule,
    LocksModule,
    BookingsModule,
    PaymentsModule,
    JobsModule,
    ConsistencyModule,
    DashboardModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useExisting: RequestValidationPipe },
  ],
})
export class AppModule {}
