import { Principal } from '../auth/principal';
import { FixedClock } from '../../test/support/clock';
import { InMemoryEvents } from '../../test/support/in-memory-events';
import type { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { EventsService } from '../events/events.service';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import { expiryHolds } from '../common/state-machine';
import { LOCK_STATES, SeatLock, type LockTransition } from './domain/seat-lock';
import { lockAt } from '../../test/support/entity-builders';
import { LocksService } from './locks.service';
import { SeatLocksRepository, type LockTransitionContext } from './seat-locks.repository';

const now = new Date('2030-01-01T12:00:00.000Z');
const MINUTE = 60_000;

/**
 * Locks by id with the guarded transition's rules (state, hold time, fence). `twinFirst` runs a twin's
 * write just before the next transition, so a spec forces the branch of a race the service takes.
 */
class InMemoryLocks extends SeatLocksRepository {
  readonly byId = new Map<string, SeatLock>();
  twinFirst?: () => void;

  save(lock: SeatLock): void {
    this.byId.set(lock.id, lock);
  }
  insert(lock: SeatLock): Promise<{ inserted: true }> {
    this.save(lock);
    return Promise.resolve({ inserted: true });
  }
  findById(id: string): Promise<SeatLock | undefined> {
    return Promise.resolve(this.byId.get(id));
  }
  fence(lock: SeatLock): Promise<boolean> {
    if (this.byId.has(lock.id)) return Promise.resolve(false);
    this.save(lock);
    return Promise.resolve(true);
  }
  transition(id: string, transition: LockTransition, context: LockTransitionContext): Promise<SeatLock | undefined> {
    const twin = this.twinFirst;
    this.twinFirst = undefined;
    twin?.();
    const { from, to, changes, expiry } = transition;
    LOCK_STATES.assertMove(from, to);
    const lock = this.byId.get(id);
    const refused =
      !lock ||
      lock.status !== from ||
      (context.returnedBy !== undefined && lock.voidedReturns?.includes(context.returnedBy)) ||
      (expiry !== undefined && !expiryHolds(lock.expiresAt, expiry));
    if (refused) return Promise.resolve(undefined);
    const moved = SeatLock.restore({
      ...lock,
      ...changes,
      ...context,
      status: to,
      previousStatus: from,
      settled: false,
    });
    this.save(moved);
    return Promise.resolve(moved);
  }
  voidReturn(id: string, moveId: string): Promise<void> {
    const lock = this.byId.get(id);
    if (lock && !lock.returnedBy) this.save(SeatLock.restore({ ...lock, voidedReturns: [moveId] }));
    return Promise.resolve();
  }
  markSettled(): Promise<void> {
    return Promise.resolve();
  }
  async *streamExpiredActive(): AsyncIterable<SeatLock> {}
  async *streamUnsettled(): AsyncIterable<SeatLock> {}
  findAll(): Promise<SeatLock[]> {
    return Promise.resolve([...this.byId.values()]);
  }
}

function setUp() {
  const clock = new FixedClock(now);
  const followUps = new FollowUpQueue();
  const events = new InMemoryEvents();
  const locks = new InMemoryLocks();
  const audit = { trailLater: () => undefined } as unknown as AuditService;
  const sut = new LocksService(
    locks,
    new EventsService(events, followUps, clock),
    audit,
    followUps,
    new AppConfig(),
    clock,
  );
  return { sut, clock, followUps, events, locks };
}

describe('LocksService.release', () => {
  it('releases an ACTIVE lock: the transition records its RETURN, and the seats come back once', async () => {
    const { sut, followUps, events, locks } = setUp();
    locks.save(lockAt(now));

    const released = await sut.release('lock-1', 'corr-1', Principal.OPEN);

    expect(released).toMatchObject({ status: 'RELEASED', previousStatus: 'ACTIVE', correlationId: 'corr-1' });
    expect(events.available).toBe(2);
    await sut.release('lock-1', 'corr-2', Principal.OPEN);
    await followUps.drain();
    expect(events.available).toBe(2);
    expect(events.markers.size).toBe(0);
  });

  it('answers LOCK.NOT_ACTIVE (EXPIRED) for a lock past its hold time, and expires it with its seats back', async () => {
    const { sut, clock, events, locks } = setUp();
    locks.save(lockAt(now));
    clock.at = new Date(now.getTime() + 11 * MINUTE);

    await expect(sut.release('lock-1', 'corr-1', Principal.OPEN)).rejects.toMatchObject({ code: 'LOCK.NOT_ACTIVE' });
    expect(locks.byId.get('lock-1')?.status).toBe('EXPIRED');
    expect(events.available).toBe(2);
  });

  it('loses to a twin that consumed the lock first: LOCK.NOT_ACTIVE, and no seat moves', async () => {
    const { sut, followUps, events, locks } = setUp();
    locks.save(lockAt(now));
    locks.twinFirst = () => locks.save(lockAt(now, { status: 'CONSUMED', bookingId: 'booking-1' }));

    await expect(sut.release('lock-1', 'corr-1', Principal.OPEN)).rejects.toMatchObject({ code: 'LOCK.NOT_ACTIVE' });
    await followUps.drain();
    expect(events.available).toBe(0);
    expect(events.markers.size).toBe(0);
  });

  it('decides again with a fresh move when the reconcile pass fenced its move meanwhile', async () => {
    const { sut, followUps, events, locks } = setUp();
    locks.save(lockAt(now));
    locks.twinFirst = () => {
      const [fenced] = events.markers.keys();
      void locks.voidReturn('lock-1', fenced);
      events.markers.delete(fenced);
    };

    const released = await sut.release('lock-1', 'corr-1', Principal.OPEN);

    expect(released.status).toBe('RELEASED');
    expect(released.voidedReturns).toHaveLength(1);
    expect(released.returnedBy).not.toBe(released.voidedReturns![0]);
    await followUps.drain();
    expect(events.available).toBe(2);
    expect(events.markers.size).toBe(0);
  });
});
