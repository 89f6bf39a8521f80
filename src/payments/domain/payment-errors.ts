import { ConflictError, InvalidRequestError } from '../../common/errors/domain-error';

export class AmountMismatchError extends InvalidRequestError {
  constructor(expected: number, got: number) {
    super('PAYMENT.AMOUNT_MISMATCH', `amount ${got} does not match the booking amount ${expected}`);
  }
}

export class BookingAlreadyPaidError extends ConflictError {
  constructor(bookingId: string) {
    super('BOOKING.ALREADY_PAID', `Booking ${bookingId} is already paid`);
  }
}

/** Another attempt (another key) is paying this booking now; nothing was charged for this request. */
export class PaymentInProgressError extends ConflictError {
  constructor(bookingId: string) {
    super('PAYMENT.IN_PROGRESS', `A payment for booking ${bookingId} is in progress; try again shortly`, {
      retryAfterSeconds: 1,
    });
  }
}

export class BookingNotPayableError extends ConflictError {
  constructor(bookingId: string, status: string) {
    super('BOOKING.NOT_PAYABLE', `Booking ${bookingId} is ${status} and cannot be paid`);
  }
}
