import { ConflictError, DomainError } from '../../common/errors/domain-error';

export class BookingNotCancellableError extends ConflictError {
  constructor(bookingId: string, status: string) {
    super('BOOKING.NOT_CANCELLABLE', `Booking ${bookingId} is ${status} and cannot be cancelled`);
  }
}

/** A booking is made only from a consumed lock; anything else is a broken flow, not a client's mistake. */
export class LockNotConsumedError extends DomainError {
  constructor(lockId: string) {
    super('CONFLICT', 'LOCK.NOT_CONSUMED', `Lock ${lockId} is not consumed`);
  }
}
