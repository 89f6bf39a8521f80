import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { Event } from '../domain/event';
import { EventInventory, EventsRepository, ReserveOutcome } from '../events.repository';
import { EventMapper } from './event.mapper';
import { EventDocument } from './event.schema';

@Injectable()
export class MongoEventsRepository extends EventsRepository {
  constructor(@InjectModel(EventDocument.name) private readonly events: Model<EventDocument>) {
    super();
  }

  async create(event: Event): Promise<void> {
    await this.events.create({
      _id: new Types.ObjectId(event.id),
      name: event.name,
      totalSeats: event.totalSeats,
      availableSeats: event.availableSeats,
      price: event.price,
      startsAt: event.startsAt,
      holds: {},
    });
  }

  async findById(id: string): Promise<Event | undefined> {
    const doc = await this.events.findById(id).select({ holds: 0 }).lean<EventDocument>().exec();
    return doc ? EventMapper.toDomain(doc) : undefined;
  }

  async reserveSeats(eventId: string, holder: string, seats: number): Promise<ReserveOutcome> {
    const hold = `holds.${holder}`;
    const result = await this.events
      .updateOne(
        { _id: eventId, availableSeats: { $gte: seats }, [hold]: { $exists: false } },
        { $inc: { availableSeats: -seats }, $set: { [hold]: seats } },
      )
      .exec();
    if (result.modifiedCount === 1) return 'RESERVED';
    const current = await this.events.findById(eventId).select({ [hold]: 1 }).lean<EventDocument>().exec();
    if (!current) return 'NO_EVENT';
    return current.holds?.[holder] !== undefined ? 'ALREADY_HELD' : 'INSUFFICIENT';
  }

  async releaseSeats(eventId: string, holder: string, seats: number): Promise<boolean> {
    const hold = `holds.${holder}`;
    const result = await this.events
      .updateOne({ _id: eventId, [hold]: seats }, { $inc: { availableSeats: seats }, $unset: { [hold]: '' } })
      .exec();
    return result.modifiedCount === 1;
  }

  async listInventories(): Promise<EventInventory[]> {
    const docs = await this.events.find().select({ totalSeats: 1, availableSeats: 1, holds: 1 }).lean<EventDocument[]>().exec();
    return docs.map((doc) => ({
      eventId: doc._id.toHexString(),
      totalSeats: doc.totalSeats,
      availableSeats: doc.availableSeats,
      holds: doc.holds ?? {},
    }));
  }
}
