import { Types } from 'mongoose';
import { SeatLock } from '../domain/seat-lock';
import type { SeatLockDocument } from './seat-lock.schema';

export const SeatLockMapper = {
  toDomain(doc: SeatLockDocument): SeatLock {
    return SeatLock.restore({
      id: doc._id.toHexString(),
      eventId: doc.eventId,
      userId: doc.userId,
      seats: doc.seats,
      status: doc.status,
      previousStatus: doc.previousStatus,
      idempotencyKey: doc.idempotencyKey,
      expiresAt: doc.expiresAt,
      createdAt: doc.createdAt,
      bookingId: doc.bookingId,
      consumedAt: doc.consumedAt,
      settled: doc.settled,
    });
  },

  toPersistence(lock: SeatLock): Omit<SeatLockDocument, 'updatedAt'> {
    return {
      _id: new Types.ObjectId(lock.id),
      eventId: lock.eventId,
      userId: lock.userId,
      seats: lock.seats,
      status: lock.status,
      idempotencyKey: lock.idempotencyKey,
      expiresAt: lock.expiresAt,
      createdAt: lock.createdAt,
      settled: lock.settled,
    };
  },
};
