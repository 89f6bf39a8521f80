import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventSeatsQuery, type EventSeats } from '../event-seats.query';
import { EventDocument } from './event.schema';

@Injectable()
export class MongoEventSeatsQuery extends EventSeatsQuery {
  constructor(@InjectModel(EventDocument.name) private readonly events: Model<EventDocument>) {
    super();
  }

  async mostRecentlyChanged(limit: number): Promise<EventSeats[]> {
    const docs = await this.events
      .find({}, { name: 1, totalSeats: 1, availableSeats: 1 })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .lean<Pick<EventDocument, '_id' | 'name' | 'totalSeats' | 'availableSeats'>[]>()
      .exec();
    return docs.map((doc) => ({
      eventId: String(doc._id),
      name: doc.name,
      totalSeats: doc.totalSeats,
      availableSeats: doc.availableSeats,
    }));
  }
}
