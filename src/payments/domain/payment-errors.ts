import type { Booking, BookingStatus } from '../../bookings/domain/booking';
import { ConflictError, InvalidRequestError } from '../../common/errors/domain-error';
import type { PaymentAttempt } from './payment-attempt';

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

/** The answer to a second key while another attempt holds the booking's payment slot (keepsPaymentSlot). */
export function slotTaken(holder: PaymentAttempt): ConflictError {
  return holder.hasSucceeded
    ? new BookingAlreadyPaidError(holder.bookingId)
    : new PaymentInProgressError(holder.bookingId);
}

/** The answer to a payment its booking cannot take at `now`; one past its window is EXPIRED before the job marks it. */
export function notPayable(booking: Booking, now: Date): ConflictError {
  return refusedBy(booking, booking.isOverdueAt(now) ? 'EXPIRED' : booking.status);
}

/** The answer once the booking could not take the attempt's charge (it was refunded), naming its state as read. */
export function chargeNotTaken(booking: Booking): ConflictError {
  return refusedBy(booking, booking.status);
}

function refusedBy(booking: Booking, state: BookingStatus): ConflictError {
  return booking.isPaid ? new BookingAlreadyPaidError(booking.id) : new BookingNotPayableError(booking.id, state);
}
