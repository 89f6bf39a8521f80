import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { EventsRepository } from '../events/events.repository';
import { IdempotencyKeyReusedError } from '../idempotency/idempotency-errors';
import { LockNotActiveError, SeatsUnavailableError } from './domain/lock-errors';
import { SeatLock, type LockStatus } from './domain/seat-lock';
import { SeatLocksRepository } from './seat-locks.repository';

const LOCK_ACTIONS: Record<Exclude<LockStatus, 'PENDING' | 'CONSUMED'>, string> = {
  ACTIVE: 'LOCK_CREATED',
  RELEASED: 'LOCK_RELEASED',
  EXPIRED: 'LOCK_EXPIRED',
};

export interface OpenLockCommand {
  eventId: string;
  userId: string;
  seats: number;
  idempotencyKey: string;
}

/**
 * Seat locks. Opening one is a resumable sequence, each step guarded so a retry (or a twin that took
 * over a dead request's key) repeats nothing:
 *   1. insert the lock PENDING under its idempotency key (unique) — a retry finds it here;
 *   2. reserve its seats on the event, held under the lock's id — at most once per lock;
 *   3. PENDING → ACTIVE, audited.
 * A crash after 1 or 2 is finished by the next retry of the key, or rolled back by the reconcile pass
 * (PENDING → EXPIRED, seats returned). Every transition is followed by `settle`: its audit entry,
 * the guarded seat release for an ended lock, then `settled`; a crash in between is finished the same
 * two ways.
 */
@Injectable()
export class LocksService {
  constructor(
    private readonly locks: SeatLocksRepository,
    private readonly events: EventsRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async open(command: OpenLockCommand, correlationId: string): Promise<SeatLock> {
    SeatLock.assertSeats(command.seats);
    const event = await this.events.findById(command.eventId);
    if (!event) throw new NotFoundError('Event', command.eventId);
    const earlier = await this.locks.findByKey(command.idempotencyKey);
    if (earlier) return this.resume(earlier, command, correlationId);
    // Refused before any write when the seats are plainly gone; the guarded reserve decides the rest.
    if (event.availableSeats < command.seats) throw new SeatsUnavailableError(command.seats, event.availableSeats);

    const candidate = SeatLock.open({ id: newId(), ...command }, new Date(), this.config.LOCK_TTL_SECONDS);
    const { lock } = await this.locks.insertOrGetByKey(candidate);
    return this.resume(lock, command, correlationId);
  }

  async get(id: string): Promise<SeatLock> {
    const lock = await this.locks.findById(id);
    if (!lock || lock.status === 'PENDING') throw new NotFoundError('Lock', id);
    return lock;
  }

  /** Releases an ACTIVE lock; releasing a RELEASED lock again answers the same without moving seats. */
  async release(id: string, correlationId: string): Promise<SeatLock> {
    const lock = await this.get(id);
    if (lock.status === 'ACTIVE' && !lock.isHoldingAt(new Date())) {
      await this.expire(lock, correlationId);
      throw new LockNotActiveError(id, 'EXPIRED');
    }
    const released = await this.locks.transition(id, 'ACTIVE', 'RELEASED');
    if (released) return this.settle(released, correlationId);
    const current = await this.get(id);
    if (current.status !== 'RELEASED') throw new LockNotActiveError(id, current.status);
    return this.settle(current, correlationId);
  }

  /**
   * Expires a lock whose hold time has passed (or a PENDING one its request abandoned). True when this
   * call made the transition; the seats go back exactly once either way.
   */
  async expire(lock: SeatLock, correlationId: string): Promise<boolean> {
    const guard = lock.status === 'ACTIVE' ? { expiredAt: new Date() } : {};
    const expired = await this.locks.transition(lock.id, lock.status, 'EXPIRED', guard);
    if (!expired) return false;
    await this.settle(expired, correlationId);
    return true;
  }

  /**
   * Finishes what the lock's last transition still owes — its audit entry, then for an ended lock the
   * seat release — and marks it settled. Every step is idempotent, so the winner of the transition,
   * a retry after a crash and the reconcile pass may all run it. A CONSUMED lock is settled by the
   * booking flow, which owns what consumption owes.
   */
  async settle(lock: SeatLock, correlationId: string): Promise<SeatLock> {
    if (lock.settled || lock.status === 'PENDING' || lock.status === 'CONSUMED') return lock;
    const action = LOCK_ACTIONS[lock.status];
    await this.recordTransition(lock, action, lock.status === 'ACTIVE' ? null : (lock.previousStatus ?? null), correlationId);
    if (lock.endedUnused) await this.events.releaseSeats(lock.eventId, lock.id, lock.seats);
    await this.locks.markSettled(lock.id, lock.status);
    return lock;
  }

  private async resume(lock: SeatLock, command: OpenLockCommand, correlationId: string): Promise<SeatLock> {
    if (!lock.sameRequestAs(command)) throw new IdempotencyKeyReusedError();
    if (lock.status === 'PENDING') return this.activate(lock, correlationId);
    return lock.status === 'ACTIVE' ? this.settle(lock, correlationId) : lock;
  }

  private async activate(lock: SeatLock, correlationId: string): Promise<SeatLock> {
    const outcome = await this.events.reserveSeats(lock.eventId, lock.id, lock.seats);
    if (outcome === 'INSUFFICIENT' || outcome === 'NO_EVENT') {
      // Nothing was reserved, so the lock never existed for anyone; the key may be tried again later.
      if (await this.locks.deletePending(lock.id)) {
        const event = await this.events.findById(lock.eventId);
        throw new SeatsUnavailableError(lock.seats, event?.availableSeats ?? 0);
      }
    }
    const activated = await this.locks.transition(lock.id, 'PENDING', 'ACTIVE');
    if (activated) return this.settle(activated, correlationId);

    const current = await this.locks.findById(lock.id);
    if (!current) throw new SeatsUnavailableError(lock.seats, 0);
    if (current.status === 'EXPIRED') {
      // The reconcile pass gave up on this lock, possibly before we reserved: hand back what we took.
      await this.events.releaseSeats(lock.eventId, lock.id, lock.seats);
      await this.settle(current, correlationId);
      throw new LockNotActiveError(lock.id, 'EXPIRED');
    }
    return this.settle(current, correlationId);
  }

  private recordTransition(lock: SeatLock, action: string, fromState: LockStatus | null, correlationId: string): Promise<void> {
    return this.audit.transition(lock.id, {
      lockId: lock.id,
      eventId: lock.eventId,
      bookingId: lock.bookingId,
      action,
      fromState,
      toState: lock.status,
      correlationId,
      metadata: { isRetry: false, seats: lock.seats, userId: lock.userId },
    });
  }
}
