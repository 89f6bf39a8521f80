import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { LocksModule } from '../locks/locks.module';
import { PaymentsModule } from '../payments/payments.module';
import { ConsistencyController } from './consistency.controller';
import { ConsistencyService } from './consistency.service';

@Module({
  imports: [EventsModule, LocksModule, BookingsModule, PaymentsModule, AuditModule, FollowUpModule],
  controllers: [ConsistencyController],
  providers: [ConsistencyService],
})
export class ConsistencyModule {}
