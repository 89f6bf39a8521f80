import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { EventSeatsQuery } from './event-seats.query';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventDocument, EventSchema } from './infrastructure/event.schema';
import { MongoEventSeatsQuery } from './infrastructure/mongo-event-seats.query';
import { MongoEventsRepository } from './infrastructure/mongo-events.repository';

@Module({
  imports: [FollowUpModule, MongooseModule.forFeature([{ name: EventDocument.name, schema: EventSchema }])],
  controllers: [EventsController],
  providers: [
    EventsService,
    { provide: EventsRepository, useClass: MongoEventsRepository },
    { provide: EventSeatsQuery, useClass: MongoEventSeatsQuery },
  ],
  exports: [EventsService, EventSeatsQuery],
})
export class EventsModule {}
