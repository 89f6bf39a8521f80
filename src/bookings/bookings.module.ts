import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { LocksModule } from '../locks/locks.module';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { BookingDocument, BookingSchema } from './infrastructure/booking.schema';
import { MongoBookingsRepository } from './infrastructure/mongo-bookings.repository';

@Module({
  imports: [
    EventsModule,
    LocksModule,
    AuditModule,
    FollowUpModule,
    MongooseModule.forFeature([{ name: BookingDocument.name, schema: BookingSchema }]),
  ],
  controllers: [BookingsController],
  providers: [BookingsService, { provide: BookingsRepository, useClass: MongoBookingsRepository }],
  exports: [BookingsService],
})
export class BookingsModule {}
