import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { Event } from './domain/event';
import { EventsRepository } from './events.repository';

export interface ScheduleEventCommand {
  name: string;
  totalSeats: number;
  price: number;
  startsAt: Date;
}

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async schedule(command: ScheduleEventCommand): Promise<Event> {
    const event = Event.schedule({ id: newId(), ...command }, new Date());
    await this.events.create(event);
    return event;
  }

  async get(id: string): Promise<Event> {
    const event = await this.events.findById(id);
    if (!event) throw new NotFoundError('Event', id);
    return event;
  }
}
