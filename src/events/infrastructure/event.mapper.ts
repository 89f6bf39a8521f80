import { Event } from '../domain/event';
import type { EventDocument } from './event.schema';

export const EventMapper = {
  toDomain(doc: EventDocument): Event {
    return Event.restore({
      id: doc._id.toHexString(),
      name: doc.name,
      totalSeats: doc.totalSeats,
      availableSeats: doc.availableSeats,
      price: doc.price,
      startsAt: doc.startsAt,
    });
  },
};
