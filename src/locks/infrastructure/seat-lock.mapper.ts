import { Types } from 'mongoose';
import { SeatLock } from '../domain/seat-lock';
import type { SeatLockDocument } from './seat-lock.schema';

export const SeatLockMapper = {
  toDomain(doc: SeatLockDocument): SeatLock {
    const { _id, ...props } = doc;
    return SeatLock.restore({ id: _id.toHexString(), ...props });
  },

  toPersistence(lock: SeatLock): Omit<SeatLockDocument, 'updatedAt'> {
    const { id, updatedAt: _updatedAt, ...props } = lock;
    return { _id: new Types.ObjectId(id), ...props };
  },
};
