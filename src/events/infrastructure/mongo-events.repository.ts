import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, type AnyBulkWriteOperation } from 'mongoose';
import type { Event } from '../domain/event';
import type { SeatMove } from '../domain/seat-move';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { EventsRepository, type EventInventory } from '../events.repository';
import { EventMapper } from './event.mapper';
import { EventDocument } from './event.schema';

const marker = (moveId: string) => `pending.${moveId}`;
const markerOf = ({ id: _id, ...move }: SeatMove) => move;
const movesOf = (doc: EventDocument): SeatMove[] =>
  Object.entries(doc.pending ?? {}).map(([id, move]) => ({ id, ...move, at: new Date(move.at) }));

@Injectable()
export class MongoEventsRepository extends EventsRepository {
  constructor(@InjectModel(EventDocument.name) private readonly events: Model<EventDocument>) {
    super();
  }

  async create(event: Event): Promise<{ event: Event; created: boolean }> {
    const _id = new Types.ObjectId(event.id);
    const doc = {
      _id,
      name: event.name,
      totalSeats: event.totalSeats,
      availableSeats: event.availableSeats,
      price: event.price,
      startsAt: event.startsAt,
      pending: {},
    };
    const stored = await insertOrFindTwin(this.events, doc, { _id });
    return { event: stored.inserted ? event : EventMapper.toDomain(stored.doc), created: stored.inserted };
  }

  async findById(id: string): Promise<Event | undefined> {
    const doc = await this.events.findById(id).lean<EventDocument>().exec();
    return doc ? EventMapper.toDomain(doc) : undefined;
  }

  async hold(eventId: string, move: SeatMove): Promise<{ event: Event; moves: SeatMove[] } | undefined> {
    const doc = await this.events
      .findOneAndUpdate(
        { _id: eventId, availableSeats: { $gte: move.seats } },
        { $inc: { availableSeats: -move.seats }, $set: { [marker(move.id)]: markerOf(move) } },
        { new: true },
      )
      .lean<EventDocument>()
      .exec();
    return doc ? { event: EventMapper.toDomain(doc), moves: movesOf(doc) } : undefined;
  }

  async markReturn(eventId: string, move: SeatMove): Promise<void> {
    await this.events.updateOne({ _id: eventId }, { $set: { [marker(move.id)]: markerOf(move) } }).exec();
  }

  async giveSeatsBack(eventId: string, moveId: string, seats: number): Promise<boolean> {
    const result = await this.events
      .updateOne(
        { _id: eventId, [marker(moveId)]: { $exists: true } },
        { $inc: { availableSeats: seats }, $unset: { [marker(moveId)]: '' } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async removeMarkers(markers: { eventId: string; moveId: string }[]): Promise<void> {
    const byEvent = new Map<string, Record<string, ''>>();
    for (const { eventId, moveId } of markers) byEvent.set(eventId, { ...byEvent.get(eventId), [marker(moveId)]: '' });
    const operations: AnyBulkWriteOperation<EventDocument>[] = [...byEvent].map(([eventId, unset]) => ({
      updateOne: { filter: { _id: new Types.ObjectId(eventId) }, update: { $unset: unset } },
    }));
    if (operations.length > 0) await this.events.bulkWrite(operations, { ordered: false });
  }

  async findMovesBefore(before: Date): Promise<{ eventId: string; move: SeatMove }[]> {
    const docs = await this.events
      .find({ pending: { $exists: true, $ne: {} } })
      .select({ pending: 1 })
      .lean<EventDocument[]>()
      .exec();
    return docs.flatMap((doc) =>
      movesOf(doc)
        .filter((move) => move.at.getTime() < before.getTime())
        .map((move) => ({ eventId: doc._id.toHexString(), move })),
    );
  }

  async listInventories(): Promise<EventInventory[]> {
    const docs = await this.events
      .find()
      .select({ totalSeats: 1, availableSeats: 1, pending: 1 })
      .lean<EventDocument[]>()
      .exec();
    return docs.map((doc) => ({
      eventId: doc._id.toHexString(),
      totalSeats: doc.totalSeats,
      availableSeats: doc.availableSeats,
      moves: movesOf(doc),
    }));
  }
}
