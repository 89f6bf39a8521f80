import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { expiryFilter, guardedTransition, markSettled, streamLean, voidReturn } from '../../database/guarded-writes';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { BookingsRepository, type TransitionContext } from '../bookings.repository';
import { BOOKING_STATES, type Booking, type BookingStatus, type BookingTransition } from '../domain/booking';
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
    transition: BookingTransition,
    context: TransitionContext,
  ): Promise<Booking | undefined> {
    const { from, to, changes, expiry } = transition;
    const guard: FilterQuery<BookingDocument> = expiryFilter(expiry);
    const doc = await guardedTransition(this.bookings, BOOKING_STATES, id, from, to, { ...changes, ...context }, guard);
    return doc ? BookingMapper.toDomain(doc) : undefined;
  }

  voidReturn(id: string, moveId: string): Promise<void> {
    return voidReturn(this.bookings, id, moveId);
  }

  async markRefunded(id: string, providerRefundId: string, at: Date): Promise<void> {
    await this.bookings
      .updateOne(
        { _id: id, 'cancellation.refund.status': 'PENDING' },
        {
          $set: {
            'cancellation.refund.status': 'REFUNDED',
            'cancellation.refund.providerRefundId': providerRefundId,
            'cancellation.refund.refundedAt': at,
          },
        },
      )
      .exec();
  }

  markSettled(bookings: { id: string; status: BookingStatus }[]): Promise<void> {
    return markSettled(this.bookings, bookings);
  }

  streamOverdue(now: Date, batchSize: number): AsyncIterable<Booking> {
    return streamLean(
      this.bookings,
      { status: 'PENDING_PAYMENT', expiresAt: { $lte: now } },
      { expiresAt: 1 },
      batchSize,
      (doc) => BookingMapper.toDomain(doc),
    );
  }

  streamUnsettled(updatedBefore: Date, batchSize: number): AsyncIterable<Booking> {
    return streamLean(
      this.bookings,
      { settled: false, updatedAt: { $lt: updatedBefore } },
      { updatedAt: 1 },
      batchSize,
      (doc) => BookingMapper.toDomain(doc),
    );
  }

  async findAll(): Promise<Booking[]> {
    const docs = await this.bookings.find().lean<BookingDocument[]>().exec();
    return docs.map((doc) => BookingMapper.toDomain(doc));
  }
}
