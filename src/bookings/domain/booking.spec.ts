import { auditTrail } from '../../audit/domain/audit-trail';
import { ConflictError } from '../../common/errors/domain-error';
import { IllegalTransitionError } from '../../common/state-machine';
import { SeatLock, type LockStatus, type SeatLockProps } from '../../locks/domain/seat-lock';
import { BOOKING_STATES, Booking, type BookingProps, type BookingStatus, type Cancellation } from './booking';

const now = new Date('2030-01-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;
const ALL: BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'EXPIRED', 'CANCELLED'];

const consumedLock = (overrides: Partial<SeatLockProps> = {}): SeatLock =>
  SeatLock.restore({
    id: 'lock-1',
    eventId: 'event-1',
    userId: 'user-1',
    seats: 3,
    price: 2_500,
    startsAt: later(30 * 24 * HOUR),
    status: 'CONSUMED',
    idempotencyKey: 'key-1',
    expiresAt: later(600_000),
    createdAt: later(-60_000),
    bookingId: 'booking-1',
    consumedAt: now,
    correlationId: 'corr-lock',
    settled: false,
    ...overrides,
  });

const bookingWith = (overrides: Partial<BookingProps> = {}): Booking =>
  Booking.restore({
    id: 'booking-1',
    seatLockId: 'lock-1',
    eventId: 'event-1',
    userId: 'user-1',
    seats: 3,
    amount: 7_500,
    startsAt: later(30 * 24 * HOUR),
    status: 'PENDING_PAYMENT',
    expiresAt: later(900_000),
    createdAt: now,
    correlationId: 'corr-1',
    settled: true,
    ...overrides,
  });

const payment = { attemptId: 'attempt-1', chargeId: 'ch_1', paidAt: now };

describe('Booking.fromConsumedLock', () => {
  it('takes its id, lock, event, user, seats and start from the consumed lock', () => {
    const lock = consumedLock();
    const sut = Booking.fromConsumedLock(lock, 900);

    expect(sut).toMatchObject({
      id: 'booking-1',
      seatLockId: 'lock-1',
      eventId: 'event-1',
      userId: 'user-1',
      seats: 3,
      startsAt: lock.startsAt,
      correlationId: 'corr-lock',
    });
  });

  it("charges the lock's seat price times its seats", () => {
    expect(Booking.fromConsumedLock(consumedLock({ seats: 3, price: 2_500 }), 900).amount).toBe(7_500);
    expect(Booking.fromConsumedLock(consumedLock({ seats: 1, price: 1_999 }), 900).amount).toBe(1_999);
  });

  it('starts PENDING_PAYMENT and unsettled, created when the lock was consumed, without payment or cancellation', () => {
    const sut = Booking.fromConsumedLock(consumedLock(), 900);

    expect(sut.status).toBe('PENDING_PAYMENT');
    expect(sut.settled).toBe(false);
    expect(sut.createdAt).toEqual(now);
    expect(sut.payment).toBeUndefined();
    expect(sut.cancellation).toBeUndefined();
  });

  it('closes the payment window after the lock was consumed, not after it is called', () => {
    const sut = Booking.fromConsumedLock(consumedLock({ consumedAt: later(-5_000) }), 900);
    expect(sut.expiresAt).toEqual(later(-5_000 + 900_000));
  });

  it('builds the same booking however often it is called for one lock', () => {
    const lock = consumedLock();
    expect(Booking.fromConsumedLock(lock, 900)).toEqual(Booking.fromConsumedLock(lock, 900));
  });

  it.each(['ACTIVE', 'EXPIRED', 'RELEASED', 'ABANDONED'] as LockStatus[])(
    'throws LOCK.NOT_CONSUMED for a %s lock',
    (status) => {
      expect(() => Booking.fromConsumedLock(consumedLock({ status }), 900)).toThrow(
        expect.objectContaining({ code: 'LOCK.NOT_CONSUMED' }),
      );
    },
  );

  it('throws for a CONSUMED lock without its booking id or consumption time', () => {
    expect(() => Booking.fromConsumedLock(consumedLock({ bookingId: undefined }), 900)).toThrow('not consumed');
    expect(() => Booking.fromConsumedLock(consumedLock({ consumedAt: undefined }), 900)).toThrow('not consumed');
  });
});

describe('BOOKING_STATES', () => {
  const allowed: Array<[BookingStatus, BookingStatus]> = [
    ['PENDING_PAYMENT', 'CONFIRMED'],
    ['PENDING_PAYMENT', 'EXPIRED'],
    ['PENDING_PAYMENT', 'CANCELLED'],
    ['CONFIRMED', 'CANCELLED'],
  ];
  const everyPair = ALL.flatMap((from) => ALL.map((to) => [from, to] as [BookingStatus, BookingStatus]));

  it.each(everyPair)('%s → %s follows the table', (from, to) => {
    if (allowed.some(([f, t]) => f === from && t === to))
      expect(() => BOOKING_STATES.assertMove(from, to)).not.toThrow();
    else expect(() => BOOKING_STATES.assertMove(from, to)).toThrow(IllegalTransitionError);
  });

  it('holds seats while PENDING_PAYMENT or CONFIRMED and gives them back on EXPIRED or CANCELLED', () => {
    expect(BOOKING_STATES.states((rule) => rule.holdsSeats === true).sort()).toEqual(['CONFIRMED', 'PENDING_PAYMENT']);
    expect(BOOKING_STATES.states((rule) => rule.returnsSeats === true).sort()).toEqual(['CANCELLED', 'EXPIRED']);
  });

  it('expects a cancelled confirmed booking to have creation, confirmation and cancellation audited', () => {
    expect(auditTrail(BOOKING_STATES, 'CANCELLED', 'CONFIRMED')).toEqual(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED']);
  });
});

describe('Booking.isPaid', () => {
  it.each<[BookingStatus, boolean]>([
    ['PENDING_PAYMENT', false],
    ['CONFIRMED', true],
    ['EXPIRED', false],
    // Paid once, but over: it takes no payment and is not paid now.
    ['CANCELLED', false],
  ])('%s is paid: %p', (status, paid) => {
    expect(bookingWith({ status, payment }).isPaid).toBe(paid);
  });
});

describe('Booking.isPayableAt', () => {
  it('is payable one millisecond before the window closes', () => {
    expect(bookingWith({ expiresAt: later(1) }).isPayableAt(now)).toBe(true);
  });

  it('is not payable at the exact end of the window', () => {
    expect(bookingWith({ expiresAt: now }).isPayableAt(now)).toBe(false);
  });

  it.each(['CONFIRMED', 'EXPIRED', 'CANCELLED'] as BookingStatus[])('is not payable when %s', (status) => {
    expect(bookingWith({ status, expiresAt: later(60_000) }).isPayableAt(now)).toBe(false);
  });
});

describe('Booking.isOverdueAt', () => {
  it('is not overdue one millisecond before the window closes', () => {
    expect(bookingWith({ expiresAt: later(1) }).isOverdueAt(now)).toBe(false);
  });

  it('is overdue at the exact end of the window', () => {
    expect(bookingWith({ expiresAt: now }).isOverdueAt(now)).toBe(true);
  });

  it('is overdue after the window', () => {
    expect(bookingWith({ expiresAt: later(-1) }).isOverdueAt(now)).toBe(true);
  });

  it.each(['CONFIRMED', 'EXPIRED', 'CANCELLED'] as BookingStatus[])('is never overdue when %s', (status) => {
    expect(bookingWith({ status, expiresAt: later(-60_000) }).isOverdueAt(now)).toBe(false);
  });

  it('is exactly one of payable or overdue while PENDING_PAYMENT', () => {
    for (const offset of [-1, 0, 1]) {
      const sut = bookingWith({ expiresAt: later(offset) });
      expect(sut.isPayableAt(now)).toBe(!sut.isOverdueAt(now));
    }
  });
});

describe('Booking.assertCancellable', () => {
  it('allows cancelling while payment is still possible', () => {
    expect(() => bookingWith({ expiresAt: later(1) }).assertCancellable(now)).not.toThrow();
  });

  it('allows cancelling a CONFIRMED booking, whenever', () => {
    expect(() => bookingWith({ status: 'CONFIRMED', expiresAt: later(-60_000) }).assertCancellable(now)).not.toThrow();
  });

  it('lets a CANCELLED booking through so a repeated cancel can answer with it', () => {
    expect(() => bookingWith({ status: 'CANCELLED' }).assertCancellable(now)).not.toThrow();
  });

  it('refuses an EXPIRED booking with 409 BOOKING.NOT_CANCELLABLE', () => {
    expect(() => bookingWith({ status: 'EXPIRED' }).assertCancellable(now)).toThrow(
      expect.objectContaining({ kind: 'CONFLICT', code: 'BOOKING.NOT_CANCELLABLE' }),
    );
    expect(() => bookingWith({ status: 'EXPIRED' }).assertCancellable(now)).toThrow(ConflictError);
  });

  it('refuses a PENDING_PAYMENT booking whose window has closed', () => {
    expect(() => bookingWith({ expiresAt: now }).assertCancellable(now)).toThrow(
      expect.objectContaining({ code: 'BOOKING.NOT_CANCELLABLE' }),
    );
  });
});

describe('Booking.cancellationAt', () => {
  const paid = (startsIn: number) => bookingWith({ status: 'CONFIRMED', payment, startsAt: later(startsIn) });

  it('refunds everything, owed (PENDING), when cancelled at least 168 hours before the start', () => {
    const cancellation = paid(168 * HOUR).cancellationAt(now, 'changed plans');

    expect(cancellation).toEqual<Cancellation>({
      cancelledAt: now,
      reason: 'changed plans',
      refund: { amount: 7_500, policy: 'FULL_REFUND', percent: 100, status: 'PENDING' },
    });
  });

  it('refunds half, rounded down, from 24 hours before the start', () => {
    const sut = bookingWith({ status: 'CONFIRMED', payment, amount: 7_501, startsAt: later(24 * HOUR) });

    expect(sut.cancellationAt(now).refund).toEqual({
      amount: 3_750,
      policy: 'HALF_REFUND',
      percent: 50,
      status: 'PENDING',
    });
  });

  it('refunds nothing (NONE) later than 24 hours before the start', () => {
    expect(paid(24 * HOUR - 1).cancellationAt(now).refund).toEqual({
      amount: 0,
      policy: 'NO_REFUND',
      percent: 0,
      status: 'NONE',
    });
  });

  it('owes nothing (UNPAID, NONE) for a booking without a payment, however early', () => {
    const sut = bookingWith({ startsAt: later(365 * 24 * HOUR) });

    expect(sut.cancellationAt(now).refund).toEqual({ amount: 0, policy: 'UNPAID', percent: 0, status: 'NONE' });
  });

  it('decides against the moment of cancelling it is given, not the clock', () => {
    const sut = paid(200 * HOUR);

    expect(sut.cancellationAt(later(100 * HOUR)).refund.policy).toBe('HALF_REFUND');
    expect(sut.cancellationAt(later(100 * HOUR)).cancelledAt).toEqual(later(100 * HOUR));
  });

  it('leaves the reason out when none is given', () => {
    expect(paid(200 * HOUR).cancellationAt(now).reason).toBeUndefined();
  });
});

describe('Booking.owesRefund', () => {
  it('is true only while the refund is PENDING', () => {
    const cancelled = (status: 'NONE' | 'PENDING' | 'REFUNDED') =>
      bookingWith({
        status: 'CANCELLED',
        payment,
        cancellation: {
          cancelledAt: now,
          refund: { amount: status === 'NONE' ? 0 : 100, policy: 'HALF_REFUND', percent: 50, status },
        },
      });

    expect(cancelled('PENDING').owesRefund).toBe(true);
    expect(cancelled('REFUNDED').owesRefund).toBe(false);
    expect(cancelled('NONE').owesRefund).toBe(false);
    expect(bookingWith({ status: 'CONFIRMED', payment }).owesRefund).toBe(false);
  });
});

describe('Booking.kept', () => {
  it('keeps nothing without a payment, whatever the state', () => {
    for (const status of ALL) expect(bookingWith({ status }).kept).toBe(0);
  });

  it('keeps the whole amount once paid and not cancelled', () => {
    expect(bookingWith({ status: 'CONFIRMED', payment }).kept).toBe(7_500);
  });

  it.each<['NONE' | 'PENDING' | 'REFUNDED', number, number]>([
    ['PENDING', 3_750, 3_750],
    ['REFUNDED', 7_500, 0],
    ['NONE', 0, 7_500],
  ])('keeps the amount less the refund decided when cancelled with the refund %s', (status, refunded, kept) => {
    const sut = bookingWith({
      status: 'CANCELLED',
      payment,
      cancellation: { cancelledAt: now, refund: { amount: refunded, policy: 'HALF_REFUND', percent: 50, status } },
    });

    expect(sut.kept).toBe(kept);
  });

  it('agrees with the cancellation it decided', () => {
    const confirmed = bookingWith({ status: 'CONFIRMED', payment, startsAt: later(48 * HOUR) });
    const cancelled = Booking.restore({
      ...confirmed,
      status: 'CANCELLED',
      cancellation: confirmed.cancellationAt(now),
    });

    expect(cancelled.kept).toBe(3_750);
  });
});

describe('Booking.refundIssued and owedAudit', () => {
  const pendingRefund: Cancellation = {
    cancelledAt: now,
    refund: { amount: 7_500, policy: 'FULL_REFUND', percent: 100, status: 'PENDING' },
  };
  const cancelled = bookingWith({
    id: 'b-1',
    status: 'CANCELLED',
    previousStatus: 'CONFIRMED',
    payment,
    cancellation: pendingRefund,
  });

  it('records the provider refund on a pending refund, and nothing else', () => {
    const sut = cancelled.refundIssued('re_1', later(1_000));

    expect(sut.cancellation?.refund).toEqual({
      ...pendingRefund.refund,
      status: 'REFUNDED',
      providerRefundId: 're_1',
      refundedAt: later(1_000),
    });
    expect(sut.owesRefund).toBe(false);
    expect({ ...sut, cancellation: undefined }).toEqual({ ...cancelled, cancellation: undefined });
  });

  it('leaves a booking that owes no refund as it is', () => {
    const confirmed = bookingWith({ status: 'CONFIRMED', payment });
    expect(confirmed.refundIssued('re_1', now)).toBe(confirmed);
  });

  it('owes the entries of its state trail while the refund is pending', () => {
    expect(cancelled.owedAudit).toEqual([
      { entityId: 'b-1', state: 'PENDING_PAYMENT' },
      { entityId: 'b-1', state: 'CONFIRMED' },
      { entityId: 'b-1', state: 'CANCELLED' },
    ]);
  });

  it('owes REFUND_ISSUED (the refund, REFUNDED) once the refund was moved', () => {
    expect(cancelled.refundIssued('re_1', now).owedAudit).toContainEqual({ entityId: 'b-1:refund', state: 'REFUNDED' });
  });
});

describe('Booking transitions', () => {
  const unpaid = bookingWith({ status: 'PENDING_PAYMENT', payment: undefined, expiresAt: later(HOUR) });

  it('cancels an unpaid booking inside its window, guarded on the window still being open at that instant', () => {
    expect(unpaid.cancel(now, 'plans')).toEqual({
      from: 'PENDING_PAYMENT',
      to: 'CANCELLED',
      changes: { cancellation: unpaid.cancellationAt(now, 'plans') },
      expiry: { notPassedAt: now },
    });
  });

  it('cancels a paid booking with its refund decided, without a window guard', () => {
    const paid = bookingWith({ status: 'CONFIRMED', payment, startsAt: later(48 * HOUR) });
    const sut = paid.cancel(now)!;

    expect(sut).toMatchObject({ from: 'CONFIRMED', to: 'CANCELLED' });
    expect(sut.expiry).toBeUndefined();
    expect(sut.changes.cancellation?.refund).toMatchObject({ policy: 'HALF_REFUND', status: 'PENDING' });
  });

  it.each<[string, Booking]>([
    ['an overdue booking', unpaid],
    ['an expired one', bookingWith({ status: 'EXPIRED' })],
  ])('refuses to cancel %s with a 409', (_label, booking) => {
    expect(() => booking.cancel(later(2 * HOUR))).toThrow(expect.objectContaining({ kind: 'CONFLICT' }) as Error);
  });

  it('decides nothing for a booking cancelled already: a repeat is answered as it stands', () => {
    expect(bookingWith({ status: 'CANCELLED' }).cancel(later(2 * HOUR))).toBeUndefined();
  });

  it('expires an unpaid booking only once its window has passed at that instant', () => {
    expect(unpaid.expire(later(HOUR))).toEqual({
      from: 'PENDING_PAYMENT',
      to: 'EXPIRED',
      changes: {},
      expiry: { passedAt: later(HOUR) },
    });
    expect(() => bookingWith({ status: 'CONFIRMED' }).expire(now)).toThrow(IllegalTransitionError);
  });

  it('is confirmed by a payment without a window guard', () => {
    expect(Booking.confirmation(payment)).toEqual({ from: 'PENDING_PAYMENT', to: 'CONFIRMED', changes: { payment } });
  });

  it('reads its window through the same guard the write uses: payable until, overdue from, expiresAt', () => {
    expect(unpaid.isPayableAt(later(HOUR - 1))).toBe(true);
    expect(unpaid.isPayableAt(later(HOUR))).toBe(false);
    expect(unpaid.isOverdueAt(later(HOUR))).toBe(true);
  });
});

describe('Booking.auditFacts', () => {
  it('records what each state adds: the amount owed, the charge, the reason and refund, nothing for an expiry', () => {
    const pending = bookingWith({ status: 'PENDING_PAYMENT', payment: undefined });
    expect(pending.auditFacts).toEqual({ amount: pending.amount, seats: pending.seats });
    expect(bookingWith({ status: 'CONFIRMED', payment }).auditFacts).toEqual({ chargeId: 'ch_1' });
    const paid = bookingWith({ status: 'CONFIRMED', payment, startsAt: later(48 * HOUR) });
    const cancellation = paid.cancellationAt(now, 'plans');
    expect(bookingWith({ status: 'CANCELLED', payment, cancellation }).auditFacts).toEqual({
      reason: 'plans',
      refund: cancellation.refund,
    });
    expect(bookingWith({ status: 'EXPIRED', payment: undefined }).auditFacts).toEqual({});
  });
});
