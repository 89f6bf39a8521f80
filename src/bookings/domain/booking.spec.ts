import { ConflictError } from '../../common/errors/domain-error';
import { SeatLock, type LockStatus, type SeatLockProps } from '../../locks/domain/seat-lock';
import { Booking, type BookingProps, type BookingStatus } from './booking';

const now = new Date('2030-01-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const ALL: BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'EXPIRED', 'CANCELLED'];

const consumedLock = (overrides: Partial<SeatLockProps> = {}): SeatLock =>
  SeatLock.restore({
    id: 'lock-1',
    eventId: 'event-1',
    userId: 'user-1',
    seats: 3,
    status: 'CONSUMED',
    idempotencyKey: 'key-1',
    expiresAt: later(600_000),
    createdAt: later(-60_000),
    bookingId: 'booking-1',
    consumedAt: now,
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
    status: 'PENDING_PAYMENT',
    expiresAt: later(900_000),
    createdAt: now,
    settled: true,
    ...overrides,
  });

describe('Booking.fromConsumedLock', () => {
  it('takes its id, lock, event, user and seats from the consumed lock', () => {
    const sut = Booking.fromConsumedLock(consumedLock(), 2_500, 900);

    expect(sut.id).toBe('booking-1');
    expect(sut.seatLockId).toBe('lock-1');
    expect(sut.eventId).toBe('event-1');
    expect(sut.userId).toBe('user-1');
    expect(sut.seats).toBe(3);
  });

  it('charges the seat price times the seats', () => {
    expect(Booking.fromConsumedLock(consumedLock({ seats: 3 }), 2_500, 900).amount).toBe(7_500);
    expect(Booking.fromConsumedLock(consumedLock({ seats: 1 }), 1_999, 900).amount).toBe(1_999);
  });

  it('starts PENDING_PAYMENT and settled, created when the lock was consumed', () => {
    const sut = Booking.fromConsumedLock(consumedLock(), 2_500, 900);

    expect(sut.status).toBe('PENDING_PAYMENT');
    expect(sut.settled).toBe(true);
    expect(sut.createdAt).toEqual(now);
    expect(sut.payment).toBeUndefined();
    expect(sut.cancellation).toBeUndefined();
  });

  it('expires the payment window after the lock was consumed, not after it is called', () => {
    const sut = Booking.fromConsumedLock(consumedLock({ consumedAt: later(-5_000) }), 2_500, 900);
    expect(sut.expiresAt).toEqual(later(-5_000 + 900_000));
  });

  it('builds the same booking however often it is called for one lock', () => {
    const lock = consumedLock();
    const first = Booking.fromConsumedLock(lock, 2_500, 900);
    const second = Booking.fromConsumedLock(lock, 2_500, 900);

    expect(second.id).toBe(first.id);
    expect(second.expiresAt).toEqual(first.expiresAt);
    expect(second.amount).toBe(first.amount);
  });

  it.each(['PENDING', 'ACTIVE', 'EXPIRED', 'RELEASED'] as LockStatus[])('throws for a %s lock', (status) => {
    expect(() => Booking.fromConsumedLock(consumedLock({ status }), 2_500, 900)).toThrow('not consumed');
  });

  it('throws for a CONSUMED lock without its booking id or consumption time', () => {
    expect(() => Booking.fromConsumedLock(consumedLock({ bookingId: undefined }), 2_500, 900)).toThrow('not consumed');
    expect(() => Booking.fromConsumedLock(consumedLock({ consumedAt: undefined }), 2_500, 900)).toThrow('not consumed');
  });
});

describe('Booking.canMove', () => {
  const allowed: Array<[BookingStatus, BookingStatus]> = [
    ['PENDING_PAYMENT', 'CONFIRMED'],
    ['PENDING_PAYMENT', 'EXPIRED'],
    ['PENDING_PAYMENT', 'CANCELLED'],
    ['CONFIRMED', 'CANCELLED'],
  ];
  const everyPair = ALL.flatMap((from) => ALL.map((to) => [from, to] as [BookingStatus, BookingStatus]));

  it.each(everyPair)('%s → %s follows the transition table', (from, to) => {
    expect(Booking.transitions.canMove(from, to)).toBe(allowed.some(([f, t]) => f === from && t === to));
  });

  it.each(['EXPIRED', 'CANCELLED'] as BookingStatus[])('lets the terminal state %s go nowhere', (from) => {
    expect(ALL.filter((to) => Booking.transitions.canMove(from, to))).toEqual([]);
  });
});

describe('Booking.sourcesOf', () => {
  it.each<[BookingStatus, BookingStatus[]]>([
    ['PENDING_PAYMENT', []],
    ['CONFIRMED', ['PENDING_PAYMENT']],
    ['EXPIRED', ['PENDING_PAYMENT']],
    ['CANCELLED', ['PENDING_PAYMENT', 'CONFIRMED']],
  ])('lists the states that may move to %s', (to, sources) => {
    expect([...Booking.transitions.sourcesOf(to)].sort()).toEqual([...sources].sort());
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
  const sut = bookingWith({ status: 'CONFIRMED' });

  it('owes nothing (refund NONE) when the decision refunds 0', () => {
    const cancellation = sut.cancellationAt(now, { amount: 0, policy: 'NO_REFUND', percent: 0 }, 'changed plans');

    expect(cancellation).toEqual({
      cancelledAt: now,
      reason: 'changed plans',
      refund: { amount: 0, policy: 'NO_REFUND', percent: 0, status: 'NONE' },
    });
  });

  it('owes the refund (PENDING) when the decision refunds more than 0', () => {
    const cancellation = sut.cancellationAt(now, { amount: 1, policy: 'HALF_REFUND', percent: 50 });

    expect(cancellation.refund).toEqual({ amount: 1, policy: 'HALF_REFUND', percent: 50, status: 'PENDING' });
    expect(cancellation.reason).toBeUndefined();
    expect(cancellation.cancelledAt).toEqual(now);
  });

  it('marks an unpaid booking as owing nothing', () => {
    expect(sut.cancellationAt(now, { amount: 0, policy: 'UNPAID', percent: 0 }).refund.status).toBe('NONE');
  });
});
