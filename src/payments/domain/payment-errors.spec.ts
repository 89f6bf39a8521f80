import { bookingAt } from '../../../test/support/entity-builders';
import type { BookingStatus } from '../../bookings/domain/booking';
import { PaymentAttempt, type AttemptStatus } from './payment-attempt';
import {
  BookingAlreadyPaidError,
  BookingNotPayableError,
  PaymentInProgressError,
  chargeNotTaken,
  notPayable,
  slotTaken,
} from './payment-errors';

const now = new Date('2030-01-01T12:00:00.000Z');
/** The shared booking builder's, in `status`; only the state matters to these answers. */
const bookingIn = (status: BookingStatus) => bookingAt(now, { status });

describe('slotTaken', () => {
  const holderIn = (status: AttemptStatus) =>
    PaymentAttempt.restore({
      ...PaymentAttempt.start(
        {
          id: 'attempt-0',
          idempotencyKey: 'key-0',
          bookingId: 'booking-1',
          amount: 2_000,
          force: 'success',
          correlationId: 'corr-0',
        },
        now,
      ),
      status,
    });

  it('answers BOOKING.ALREADY_PAID when the holder succeeded', () => {
    expect(slotTaken(holderIn('SUCCEEDED'))).toEqual(new BookingAlreadyPaidError('booking-1'));
  });

  it('answers PAYMENT.IN_PROGRESS, retry in a second, while the holder is still open', () => {
    expect(slotTaken(holderIn('PROCESSING'))).toEqual(new PaymentInProgressError('booking-1'));
    expect(slotTaken(holderIn('PROCESSING'))).toMatchObject({ code: 'PAYMENT.IN_PROGRESS', retryAfterSeconds: 1 });
  });
});

describe('notPayable', () => {
  it('answers BOOKING.ALREADY_PAID for a confirmed booking', () => {
    expect(notPayable(bookingIn('CONFIRMED'), now)).toEqual(new BookingAlreadyPaidError('booking-1'));
  });

  it.each<BookingStatus>(['EXPIRED', 'CANCELLED'])('answers BOOKING.NOT_PAYABLE naming %s', (status) => {
    expect(notPayable(bookingIn(status), now)).toEqual(new BookingNotPayableError('booking-1', status));
  });

  it('names an unpaid booking past its window EXPIRED before the job has marked it', () => {
    const unpaid = bookingIn('PENDING_PAYMENT');

    expect(notPayable(unpaid, unpaid.expiresAt)).toEqual(new BookingNotPayableError('booking-1', 'EXPIRED'));
  });
});

describe('chargeNotTaken', () => {
  it('answers BOOKING.ALREADY_PAID when another charge confirmed the booking', () => {
    expect(chargeNotTaken(bookingIn('CONFIRMED'))).toEqual(new BookingAlreadyPaidError('booking-1'));
  });

  it.each<BookingStatus>(['EXPIRED', 'CANCELLED', 'PENDING_PAYMENT'])(
    'answers BOOKING.NOT_PAYABLE naming the state as read: %s',
    (status) => {
      expect(chargeNotTaken(bookingIn(status))).toEqual(new BookingNotPayableError('booking-1', status));
    },
  );
});
