import { ConflictError, InvalidRequestError } from '../../common/errors/domain-error';
import { MAX_SEATS_PER_LOCK, SeatLock, type LockStatus, type SeatLockProps } from './seat-lock';

const now = new Date('2030-01-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const ALL: LockStatus[] = ['PENDING', 'ACTIVE', 'CONSUMED', 'EXPIRED', 'RELEASED'];

const request = { id: 'lock-1', eventId: 'event-1', userId: 'user-1', seats: 2, idempotencyKey: 'key-1' };

const lockWith = (overrides: Partial<SeatLockProps> = {}): SeatLock =>
  SeatLock.restore({
    ...request,
    status: 'ACTIVE',
    expiresAt: later(60_000),
    createdAt: now,
    settled: true,
    ...overrides,
  });

const thrownBy = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('SeatLock.open', () => {
  it('opens a PENDING, unsettled lock that expires ttl seconds from now', () => {
    const sut = SeatLock.open(request, now, 600);

    expect(sut.status).toBe('PENDING');
    expect(sut.settled).toBe(false);
    expect(sut.expiresAt).toEqual(later(600_000));
    expect(sut.createdAt).toEqual(now);
    expect(sut.bookingId).toBeUndefined();
    expect(sut.consumedAt).toBeUndefined();
  });

  it('keeps the request it was opened for', () => {
    const sut = SeatLock.open(request, now, 1);

    expect(sut.id).toBe('lock-1');
    expect(sut.eventId).toBe('event-1');
    expect(sut.userId).toBe('user-1');
    expect(sut.seats).toBe(2);
    expect(sut.idempotencyKey).toBe('key-1');
  });

  it.each([1, 25, MAX_SEATS_PER_LOCK])('accepts %p seat(s)', (seats) => {
    expect(SeatLock.open({ ...request, seats }, now, 60).seats).toBe(seats);
  });

  it('allows at most 50 seats per lock', () => {
    expect(MAX_SEATS_PER_LOCK).toBe(50);
  });

  it.each([0, -1, 51, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p seats with LOCK.INVALID', (seats) => {
    const error = thrownBy(() => SeatLock.open({ ...request, seats }, now, 60));

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ kind: 'INVALID', code: 'LOCK.INVALID' });
  });
});

describe('SeatLock.canMove', () => {
  const allowed: Array<[LockStatus, LockStatus]> = [
    ['PENDING', 'ACTIVE'],
    ['PENDING', 'EXPIRED'],
    ['ACTIVE', 'CONSUMED'],
    ['ACTIVE', 'EXPIRED'],
    ['ACTIVE', 'RELEASED'],
  ];
  const isAllowed = (from: LockStatus, to: LockStatus) => allowed.some(([f, t]) => f === from && t === to);
  const everyPair = ALL.flatMap((from) => ALL.map((to) => [from, to] as [LockStatus, LockStatus]));

  it.each(everyPair)('%s → %s follows the transition table', (from, to) => {
    expect(SeatLock.transitions.canMove(from, to)).toBe(isAllowed(from, to));
  });

  it.each(['CONSUMED', 'EXPIRED', 'RELEASED'] as LockStatus[])('lets the terminal state %s go nowhere', (from) => {
    expect(ALL.filter((to) => SeatLock.transitions.canMove(from, to))).toEqual([]);
  });

  it('never lets a PENDING lock be consumed or released directly', () => {
    expect(SeatLock.transitions.canMove('PENDING', 'CONSUMED')).toBe(false);
    expect(SeatLock.transitions.canMove('PENDING', 'RELEASED')).toBe(false);
  });
});

describe('SeatLock.sourcesOf', () => {
  it.each<[LockStatus, LockStatus[]]>([
    ['PENDING', []],
    ['ACTIVE', ['PENDING']],
    ['CONSUMED', ['ACTIVE']],
    ['EXPIRED', ['PENDING', 'ACTIVE']],
    ['RELEASED', ['ACTIVE']],
  ])('lists the states that may move to %s', (to, sources) => {
    expect([...SeatLock.transitions.sourcesOf(to)].sort()).toEqual([...sources].sort());
  });
});

describe('SeatLock.isHoldingAt', () => {
  it('holds while ACTIVE and before its expiry', () => {
    expect(lockWith({ expiresAt: later(1) }).isHoldingAt(now)).toBe(true);
  });

  it('stops holding at the exact expiry instant', () => {
    expect(lockWith({ expiresAt: now }).isHoldingAt(now)).toBe(false);
  });

  it('stops holding after its expiry even if still marked ACTIVE', () => {
    expect(lockWith({ expiresAt: later(-1) }).isHoldingAt(now)).toBe(false);
  });

  it.each(['PENDING', 'CONSUMED', 'EXPIRED', 'RELEASED'] as LockStatus[])('does not hold in %s', (status) => {
    expect(lockWith({ status, expiresAt: later(60_000) }).isHoldingAt(now)).toBe(false);
  });
});

describe('SeatLock.endedUnused', () => {
  it.each<[LockStatus, boolean]>([
    ['PENDING', false],
    ['ACTIVE', false],
    ['CONSUMED', false],
    ['EXPIRED', true],
    ['RELEASED', true],
  ])('is %p → %p', (status, expected) => {
    expect(lockWith({ status }).endedUnused).toBe(expected);
  });
});

describe('SeatLock.sameRequestAs', () => {
  const sut = lockWith();

  it('matches the same event, user and seat count', () => {
    expect(sut.sameRequestAs({ eventId: 'event-1', userId: 'user-1', seats: 2 })).toBe(true);
  });

  it.each([
    { eventId: 'event-2', userId: 'user-1', seats: 2 },
    { eventId: 'event-1', userId: 'user-2', seats: 2 },
    { eventId: 'event-1', userId: 'user-1', seats: 3 },
  ])('does not match a request that differs in one field: %p', (other) => {
    expect(sut.sameRequestAs(other)).toBe(false);
  });
});

describe('SeatLock.assertConsumable', () => {
  it('passes for an ACTIVE lock before its expiry', () => {
    expect(() => lockWith({ expiresAt: later(1) }).assertConsumable(now)).not.toThrow();
  });

  it('passes for a CONSUMED lock, even past its expiry, so a retry can find its booking', () => {
    const sut = lockWith({ status: 'CONSUMED', expiresAt: later(-60_000), bookingId: 'b-1', consumedAt: later(-70_000) });
    expect(() => sut.assertConsumable(now)).not.toThrow();
  });

  it('refuses an ACTIVE lock past its expiry with 409 LOCK.NOT_ACTIVE, calling it EXPIRED', () => {
    const error = thrownBy(() => lockWith({ expiresAt: now }).assertConsumable(now));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ kind: 'CONFLICT', code: 'LOCK.NOT_ACTIVE' });
    expect((error as Error).message).toContain('EXPIRED');
  });

  it.each(['RELEASED', 'EXPIRED', 'PENDING'] as LockStatus[])('refuses a %s lock with LOCK.NOT_ACTIVE naming the state', (status) => {
    const error = thrownBy(() => lockWith({ status, expiresAt: later(60_000) }).assertConsumable(now));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ kind: 'CONFLICT', code: 'LOCK.NOT_ACTIVE' });
    expect((error as Error).message).toContain(status);
  });
});
