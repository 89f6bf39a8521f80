import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { SeatLockDocument, SeatLockSchema } from './infrastructure/seat-lock.schema';
import { MongoSeatLocksRepository } from './infrastructure/mongo-seat-locks.repository';
import { LocksController } from './locks.controller';
import { LocksService } from './locks.service';
import { SeatLocksRepository } from './seat-locks.repository';

@Module({
  imports: [
    EventsModule,
    AuditModule,
    FollowUpModule,
    MongooseModule.forFeature([{ name: SeatLockDocument.name, schema: SeatLockSchema }]),
  ],
  controllers: [LocksController],
  providers: [LocksService, { provide: SeatLocksRepository, useClass: MongoSeatLocksRepository }],
  exports: [LocksService],
})
export class LocksModule {}
