import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ScheduleModule } from '@nestjs/schedule';
import { BookingsModule } from '../bookings/bookings.module';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LocksModule } from '../locks/locks.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PaymentsModule } from '../payments/payments.module';
import { JobExecutionDocument, JobExecutionSchema } from './infrastructure/job-execution.schema';
import { JobLeaseDocument, JobLeaseSchema } from './infrastructure/job-lease.schema';
import { MongoJobExecutionsRepository } from './infrastructure/mongo-job-executions.repository';
import { MongoJobLeasesRepository } from './infrastructure/mongo-job-leases.repository';
import { JobExecutionsRepository } from './job-executions.repository';
import { JobLeasesRepository } from './job-leases.repository';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { JobsScheduler } from './jobs.scheduler';
import { JobsService } from './jobs.service';
import { ExpireBookingsPlan } from './expiry/expire-bookings.plan';
import { ExpireLocksPlan } from './expiry/expire-locks.plan';
import { ExpiredRecordsPurge } from './passes/expired-records-purge';
import { ExpiryPass } from './expiry/expiry-pass';
import { SeatMovesReconcile } from './passes/seat-moves-reconcile';

@Module({
  imports: [
    ScheduleModule.forRoot(),
    EventsModule,
    LocksModule,
    BookingsModule,
    PaymentsModule,
    IdempotencyModule,
    DatabaseModule,
    FollowUpModule,
    MetricsModule,
    MongooseModule.forFeature([
      { name: JobLeaseDocument.name, schema: JobLeaseSchema },
      { name: JobExecutionDocument.name, schema: JobExecutionSchema },
    ]),
  ],
  controllers: [JobsController],
  providers: [
    JobsService,
    JobRunner,
    JobsScheduler,
    ExpireLocksPlan,
    ExpireBookingsPlan,
    ExpiredRecordsPurge,
    ExpiryPass,
    SeatMovesReconcile,
    { provide: JobLeasesRepository, useClass: MongoJobLeasesRepository },
    { provide: JobExecutionsRepository, useClass: MongoJobExecutionsRepository },
  ],
})
export class JobsModule {}
