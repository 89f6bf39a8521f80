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

export class BookingNotPayableError extends ConflictError {
  constructor(bookingId: string, status: string) {
    super('BOOKING.NOT_PAYABLE', `Booking ${bookingId} is ${status} and cannot be paid`);
  }
}
