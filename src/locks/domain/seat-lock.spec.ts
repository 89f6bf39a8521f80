import { auditTrail } from '../../audit/domain/audit-trail';
import { InvalidRequestError } from '../../common/errors/domain-error';
import { IllegalTransitionError } from '../../common/state-machine';
import { LOCK_STATES, MAX_SEATS_PER_LOCK, SeatLock, type LockStatus, type SeatLockProps } from './seat-lock';

const now = new Date('2030-01-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const ALL: LockStatus[] = ['ACTIVE', 'CONSUMED', 'EXPIRED', 'RELEASED', 'ABANDONED'];

const request = {
  id: 'lock-1',
  eventId: 'event-1',
  userId: 'user-1',
  seats: 2,
  price: 2_500,
  startsAt: later(30 * 24 * 3_600_000),
  idempotencyKey: 'key-1',
  correlationId: 'corr-1',
};

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
  it('opens an ACTIVE, unsettled lock that expires ttl seconds from now', () => {
    const sut = SeatLock.open(request, now, 600);

    expect(sut.status).toBe('ACTIVE');
    expect(sut.settled).toBe(false);
    expect(sut.expiresAt).toEqual(later(600_000));
    expect(sut.createdAt).toEqual(now);
    expect(sut.bookingId).toBeUndefined();
    expect(sut.consumedAt).toBeUndefined();
    expect(sut.returnedBy).toBeUndefined();
  });

  it('keeps the request it was opened for, with the price and start of the event', () => {
    const sut = SeatLock.open(request, now, 1);

    expect(sut).toMatchObject(request);
  });

  it('holds its seats right after opening', () => {
    expect(SeatLock.open(request, now, 1).isHoldingAt(now)).toBe(true);
  });

  it.each([1, 25, MAX_SEATS_PER_LOCK])('accepts %p seat(s)', (seats) => {
    expect(SeatLock.open({ ...request, seats }, now, 60).seats).toBe(seats);
  });

  it.each([0, -1, MAX_SEATS_PER_LOCK + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p seats with LOCK.INVALID',
    (seats) => {
      const error = thrownBy(() => SeatLock.open({ ...request, seats }, now, 60));

      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ kind: 'INVALID', code: 'LOCK.INVALID' });
    },
  );
});

describe('SeatLock.abandoned', () => {
  const move = { id: 'move-1', ownerId: 'move-1', seats: 4, at: later(-120_000) };
  const sut = SeatLock.abandoned(move, 'event-9');

  it('fences the HOLD move id with a final, settled, ABANDONED record', () => {
    expect(sut).toMatchObject({ id: 'move-1', eventId: 'event-9', seats: 4, status: 'ABANDONED', settled: true });
    expect(LOCK_STATES.rules[sut.status].final).toBe(true);
  });

  it('is invisible to clients and holds nothing', () => {
    expect(sut.visible).toBe(false);
    expect(sut.isHoldingAt(move.at)).toBe(false);
  });

  it('uses an idempotency key no client can send (it contains a tab) and unique per move', () => {
    expect(sut.idempotencyKey).toContain('\t');
    expect(sut.idempotencyKey).toContain('move-1');
    expect(SeatLock.abandoned({ ...move, id: 'move-2' }, 'event-9').idempotencyKey).not.toBe(sut.idempotencyKey);
  });
});

describe('SeatLock.visible', () => {
  it.each(ALL.map((status) => [status, status !== 'ABANDONED'] as const))('is %s → %p', (status, expected) => {
    expect(lockWith({ status }).visible).toBe(expected);
  });
});

describe('LOCK_STATES', () => {
  const allowed: Array<[LockStatus, LockStatus]> = [
    ['ACTIVE', 'CONSUMED'],
    ['ACTIVE', 'EXPIRED'],
    ['ACTIVE', 'RELEASED'],
  ];
  const everyPair = ALL.flatMap((from) => ALL.map((to) => [from, to] as [LockStatus, LockStatus]));

  it.each(everyPair)('%s → %s follows the table', (from, to) => {
    const legal = allowed.some(([f, t]) => f === from && t === to);
    if (legal) expect(() => LOCK_STATES.assertMove(from, to)).not.toThrow();
    else expect(() => LOCK_STATES.assertMove(from, to)).toThrow(IllegalTransitionError);
  });

  it('creates locks ACTIVE or ABANDONED only', () => {
    expect(LOCK_STATES.states((rule) => rule.from.length === 0).sort()).toEqual(['ABANDONED', 'ACTIVE']);
  });

  it('holds seats only while ACTIVE', () => {
    expect(LOCK_STATES.states((rule) => rule.holdsSeats === true)).toEqual(['ACTIVE']);
  });

  it('gives seats back on EXPIRED and RELEASED, not on CONSUMED (the booking holds them) or ABANDONED', () => {
    expect(LOCK_STATES.states((rule) => rule.returnsSeats === true).sort()).toEqual(['EXPIRED', 'RELEASED']);
  });

  it('never audits ABANDONED, which nobody outside sees', () => {
    expect(LOCK_STATES.rules.ABANDONED.audit).toBeUndefined();
    expect(auditTrail(LOCK_STATES, 'ABANDONED')).toEqual([]);
  });

  it('expects a consumed lock to have its creation and consumption audited', () => {
    expect(auditTrail(LOCK_STATES, 'CONSUMED', 'ACTIVE')).toEqual(['ACTIVE', 'CONSUMED']);
  });
});

describe('SeatLock.isHoldingAt', () => {
  it('holds while ACTIVE and before its expiry', () => {
    expect(lockWith({ expiresAt: later(1) }).isHoldingAt(now)).toBe(true);
  });

  it('stops holding at the exact expiry instant', () => {
    expect(lockWith({ expiresAt: now }).isHoldingAt(now)).toBe(false);
  });

  it.each(['CONSUMED', 'EXPIRED', 'RELEASED', 'ABANDONED'] as LockStatus[])('does not hold in %s', (status) => {
    expect(lockWith({ status, expiresAt: later(60_000) }).isHoldingAt(now)).toBe(false);
  });
});

describe('SeatLock.stateAt', () => {
  it('shows an ACTIVE lock before its expiry as ACTIVE', () => {
    expect(lockWith({ expiresAt: later(1) }).stateAt(now)).toBe('ACTIVE');
  });

  it('shows an ACTIVE lock at or past its expiry as EXPIRED before the job has marked it', () => {
    expect(lockWith({ expiresAt: now }).stateAt(now)).toBe('EXPIRED');
    expect(lockWith({ expiresAt: later(-1) }).stateAt(now)).toBe('EXPIRED');
  });

  it.each(['CONSUMED', 'EXPIRED', 'RELEASED', 'ABANDONED'] as LockStatus[])(
    'shows a %s lock as stored, whatever its expiry',
    (status) => {
      expect(lockWith({ status, expiresAt: later(-60_000) }).stateAt(now)).toBe(status);
    },
  );
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

describe('SeatLock transitions', () => {
  const sut = lockWith({ expiresAt: later(60_000) });

  it('releases a holding lock, guarded on its hold time not having passed at that instant', () => {
    expect(sut.release(now)).toEqual({ from: 'ACTIVE', to: 'RELEASED', changes: {}, expiry: { notPassedAt: now } });
  });

  it.each<[string, SeatLock, string]>([
    ['consumed', lockWith({ status: 'CONSUMED' }), 'CONSUMED'],
    ['expired', lockWith({ status: 'EXPIRED' }), 'EXPIRED'],
  ])('refuses to release a lock %s with LOCK.NOT_ACTIVE naming its state', (_label, lock, state) => {
    const error = thrownBy(() => lock.release(later(60_000)));
    expect(error).toMatchObject({ code: 'LOCK.NOT_ACTIVE' });
    expect((error as Error).message).toContain(state);
  });

  it('decides nothing for a lock released already: a repeat is answered as it stands', () => {
    expect(lockWith({ status: 'RELEASED' }).release(now)).toBeUndefined();
  });

  it('expires an ACTIVE lock past its hold time instead of releasing it, and the release is then refused', () => {
    expect(sut.release(later(60_000))).toEqual(sut.expire(later(60_000)));
    const error = thrownBy(() => lockWith({ status: 'EXPIRED' }).assertReleased());
    expect(error).toMatchObject({ code: 'LOCK.NOT_ACTIVE' });
    expect((error as Error).message).toContain('EXPIRED');
  });

  it('names the booking that consumed it, and refuses any other lock with its state', () => {
    expect(lockWith({ status: 'CONSUMED', bookingId: 'b-1' }).consumedBy(now)).toBe('b-1');
    expect(thrownBy(() => sut.consumedBy(later(60_000)))).toMatchObject({ code: 'LOCK.NOT_ACTIVE' });
  });

  it('expires an ACTIVE lock only once its hold time has passed at that instant', () => {
    expect(sut.expire(later(60_000))).toEqual({
      from: 'ACTIVE',
      to: 'EXPIRED',
      changes: {},
      expiry: { passedAt: later(60_000) },
    });
    expect(() => lockWith({ status: 'RELEASED' }).expire(now)).toThrow(IllegalTransitionError);
  });

  it('is consumed for a booking while its hold time has not passed', () => {
    expect(SeatLock.consumption('booking-1', now)).toEqual({
      from: 'ACTIVE',
      to: 'CONSUMED',
      changes: { bookingId: 'booking-1', consumedAt: now },
      expiry: { notPassedAt: now },
    });
  });
});
