import { Types } from 'mongoose';
import { Booking } from '../domain/booking';
import type { BookingDocument } from './booking.schema';

export const BookingMapper = {
  toDomain(doc: BookingDocument): Booking {
    const { _id, ...props } = doc;
    return Booking.restore({ id: _id.toHexString(), ...props });
  },

  toPersistence(booking: Booking): Omit<BookingDocument, 'updatedAt'> {
    const { id, updatedAt: _updatedAt, ...props } = booking;
    return { _id: new Types.ObjectId(id), ...props };
  },
};
