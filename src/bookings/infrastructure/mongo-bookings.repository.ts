import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { excluding, insertOrFindTwin } from '../../database/mongo-errors';
import { BookingsRepository, type BookingTransitionOptions } from '../bookings.repository';
import { Booking, type BookingStatus } from '../domain/booking';
import { BookingMapper } from './booking.mapper';
import { BookingDocument } from './booking.schema';

@Injectable()
export class MongoBookingsRepository extends BookingsRepository {
  constructor(@InjectModel(BookingDocument.name) private readonly bookings: Model<BookingDocument>) {
    super();
  }

  async insertOrGet(booking: Booking): Promise<{ booking: Booking; inserted: boolean }> {
    const { doc, inserted } = await insertOrFindTwin(this.bookings, BookingMapper.toPersistence(booking), {
      seatLockId: booking.seatLockId,
    });
    return { booking: inserted ? booking : BookingMapper.toDomain(doc), inserted };
  }

  async findById(id: string): Promise<Booking | undefined> {
    const doc = await this.bookings.findById(id).lean<BookingDocument>().exec();
    return doc ? BookingMapper.toDomain(doc) : undefined;
  }

  async transition(
    id: string,
    from: BookingStatus,
    to: BookingStatus,
    options: BookingTransitionOptions = {},
  ): Promise<Booking | undefined> {
    if (!Booking.transitions.canMove(from, to)) throw new Error(`a booking cannot move from ${from} to ${to}`);
    const { payableAt, overdueAt, ...changes } = options;
    const filter: FilterQuery<BookingDocument> = { _id: id, status: from };
    if (payableAt) filter.expiresAt = { $gt: payableAt };
    if (overdueAt) filter.expiresAt = { $lte: overdueAt };
    const doc = await this.bookings
      .findOneAndUpdate(filter, { $set: { status: to, previousStatus: from, settled: false, ...changes } }, { new: true })
      .lean<BookingDocument>()
      .exec();
    return doc ? BookingMapper.toDomain(doc) : undefined;
  }

  async markRefunded(id: string, providerRefundId: string, at: Date): Promise<void> {
    await this.bookings
      .updateOne(
        { _id: id, 'cancellation.refund.status': 'PENDING' },
        { $set: { 'cancellation.refund.status': 'REFUNDED', 'cancellation.refund.providerRefundId': providerRefundId, 'cancellation.refund.refundedAt': at } },
      )
      .exec();
  }

  async markSettled(id: string, status: BookingStatus): Promise<void> {
    await this.bookings.updateOne({ _id: id, status, settled: false }, { $set: { settled: true } }).exec();
  }

  async findOverdue(now: Date, limit: number, exclude: string[] = []): Promise<Booking[]> {
    const filter = { status: 'PENDING_PAYMENT', expiresAt: { $lte: now }, ...excluding(exclude) };
    return this.many(this.bookings.find(filter).sort({ expiresAt: 1 }).limit(limit));
  }

  async findUnsettled(updatedBefore: Date, limit: number, exclude: string[] = []): Promise<Booking[]> {
    const filter = { settled: false, updatedAt: { $lt: updatedBefore }, ...excluding(exclude) };
    return this.many(this.bookings.find(filter).sort({ updatedAt: 1 }).limit(limit));
  }

  async findAll(): Promise<Booking[]> {
    return this.many(this.bookings.find());
  }

  private async many(query: ReturnType<Model<BookingDocument>['find']>): Promise<Booking[]> {
    const docs = await query.lean<BookingDocument[]>().exec();
    return docs.map(BookingMapper.toDomain);
  }
}
