import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventDocument, EventSchema } from './infrastructure/event.schema';
import { MongoEventsRepository } from './infrastructure/mongo-events.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: EventDocument.name, schema: EventSchema }])],
  controllers: [EventsController],
  providers: [EventsService, { provide: EventsRepository, useClass: MongoEventsRepository }],
  exports: [EventsService],
})
export class EventsModule {}
