import { Types } from 'mongoose';
import { Booking } from '../domain/booking';
import type { BookingDocument } from './booking.schema';

export const BookingMapper = {
  toDomain(doc: BookingDocument): Booking {
    return Booking.restore({
      id: doc._id.toHexString(),
      seatLockId: doc.seatLockId,
      eventId: doc.eventId,
      userId: doc.userId,
      seats: doc.seats,
      amount: doc.amount,
      status: doc.status,
      previousStatus: doc.previousStatus,
      expiresAt: doc.expiresAt,
      createdAt: doc.createdAt,
      payment: doc.payment,
      cancellation: doc.cancellation,
      settled: doc.settled,
    });
  },

  toPersistence(booking: Booking): Omit<BookingDocument, 'updatedAt'> {
    return {
      _id: new Types.ObjectId(booking.id),
      seatLockId: booking.seatLockId,
      eventId: booking.eventId,
      userId: booking.userId,
      seats: booking.seats,
      amount: booking.amount,
      status: booking.status,
      expiresAt: booking.expiresAt,
      createdAt: booking.createdAt,
      settled: booking.settled,
    };
  },
};
