import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError, RequestMismatchError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import type { OwnerVerdict, SeatMove } from '../events/domain/seat-move';
import { returnVerdict } from '../events/domain/seat-move';
import { EventsService } from '../events/events.service';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { LockAttemptAbandonedError, SeatsUnavailableError } from './domain/lock-errors';
import { LOCK_STATES, SeatLock, type LockStatus, type LockTransition } from './domain/seat-lock';
import { SeatLocksRepository } from './seat-locks.repository';

export interface OpenLockCommand {
  eventId: string;
  userId: string;
  seats: number;
  idempotencyKey: string;
}

/**
 * Seat locks, and the only writer of them. Opening one is the HOLD of events/domain/seat-move.ts: take
 * the seats with a marker named by a fresh lock id, then store the lock under that id and its key. The
 * answer needs nothing more; the audit entry, `settled` and the marker's removal follow it, batched.
 * Ending one (released, expired) is a RETURN: marker, the guarded transition recording the move, seats back.
 */
@Injectable()
export class LocksService {
  private readonly settledWriter: BatchWriter<{ id: string; status: LockStatus }> = {
    phase: 2,
    writeBatch: (locks) => this.locks.markSettled(locks),
  };

  constructor(
    private readonly locks: SeatLocksRepository,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async open(command: OpenLockCommand, correlationId: string): Promise<SeatLock> {
    SeatLock.assertSeats(command.seats);
    const now = this.clock.now();
    const id = newId(now.getTime());
    const move: SeatMove = {
      id,
      kind: 'HOLD',
      ownerKind: 'lock',
      ownerId: id,
      seats: command.seats,
      at: now,
      key: SeatLock.holdKey(command),
    };
    const held = await this.events.holdSeats(command.eventId, move);
    if (!held) {
      const current = await this.events.get(command.eventId);
      throw new SeatsUnavailableError(command.seats, current.availableSeats);
    }

    const { event, moves } = held;
    const lock = SeatLock.open(
      { ...command, id, price: event.price, startsAt: event.startsAt, correlationId },
      now,
      this.config.LOCK_TTL_SECONDS,
    );
    const stored = await this.locks.insert(lock);
    if (stored.inserted) {
      await this.giveBackReplacedHolds(lock, moves);
      this.settleLater(lock);
      this.events.forgetMove(lock.eventId, move.id);
      return lock;
    }
    // A twin's lock holds the key, or the reconcile pass fenced this id: either way these seats go back.
    await this.events.giveSeatsBack(command.eventId, move);
    if (!stored.twin) throw new LockAttemptAbandonedError();
    if (!stored.twin.sameRequestAs(command)) throw new RequestMismatchError('lock');
    return stored.twin;
  }

  /**
   * Earlier attempts of this key that died holding seats (a crash, a lost answer) can never store their
   * lock now that this one holds the key: fence each and give its seats back at once, instead of leaving
   * them to the reconcile pass.
   */
  private async giveBackReplacedHolds(lock: SeatLock, moves: SeatMove[]): Promise<void> {
    for (const move of moves) {
      if (move.kind !== 'HOLD' || move.key !== SeatLock.holdKey(lock) || move.id === lock.id) continue;
      await this.locks.fence(SeatLock.abandoned(move, lock.eventId));
      await this.events.giveSeatsBack(lock.eventId, move);
    }
  }

  /** Someone else's lock is unknown to `actor` (no existence oracle), unless `actor` may read everything. */
  async get(id: string, actor: Principal): Promise<SeatLock> {
    const lock = await this.locks.findById(id);
    if (!lock?.visible || !actor.maySee(lock.userId)) throw new NotFoundError('Lock', id);
    return lock;
  }

  /**
   * Releases an ACTIVE lock; releasing a RELEASED lock again answers the same without moving seats. A lock
   * past its hold time is expired here, before the job gets to it, and the release refused.
   */
  async release(id: string, correlationId: string, actor: Principal): Promise<SeatLock> {
    for (;;) {
      const lock = await this.get(id, actor);
      actor.assertMayChange(lock.userId);
      // A repeat finishes what a crash left of the release.
      const ended = await this.end(lock, lock.release(this.clock.now()), correlationId);
      if (ended) return ended.assertReleased();
      // Lost the race (consumed, expired, released, or its move fenced meanwhile): decide again from the new state.
    }
  }

  /** Expires a lock whose hold time has passed. True when this call made the transition. */
  async expire(lock: SeatLock, correlationId: string): Promise<boolean> {
    return (await this.end(lock, lock.expire(this.clock.now()), correlationId)) !== undefined;
  }

  /**
   * ACTIVE → CONSUMED for the booking `bookingId`; undefined when the lock can no longer be booked, or is
   * not `actor`'s to book.
   */
  consume(
    lockId: string,
    bookingId: string,
    now: Date,
    correlationId: string,
    actor: Principal,
  ): Promise<SeatLock | undefined> {
    return this.locks.transition(lockId, SeatLock.consumption(bookingId, now), {
      correlationId,
      ownedBy: actor.ownerFilter,
    });
  }

  /** Queues what the lock's last transition still owes once the caller's part is done: its audit entry, `settled`. */
  settleLater(lock: SeatLock): void {
    if (lock.settled) return;
    this.audit.trailLater(LOCK_STATES, lock, {
      lockId: lock.id,
      eventId: lock.eventId,
      bookingId: lock.bookingId,
      metadata: { seats: lock.seats, userId: lock.userId },
    });
    this.followUps.add(this.settledWriter, { id: lock.id, status: lock.status });
  }

  expiredActive(now: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.streamExpiredActive(now, batchSize);
  }

  unsettled(before: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.streamUnsettled(before, batchSize);
  }

  all(): Promise<SeatLock[]> {
    return this.locks.findAll();
  }

  /** Whether a stale move of this lock's seats counts (seat-move.ts); fences a HOLD whose lock never came. */
  async verdictOn(eventId: string, move: SeatMove): Promise<OwnerVerdict> {
    const lock = await this.locks.findById(move.ownerId);
    if (move.kind === 'RETURN') return returnVerdict(move, lock);
    if (lock) return lock.visible ? 'COUNTS' : 'VOID';
    if (await this.locks.fence(SeatLock.abandoned(move, eventId))) return 'VOID';
    return this.verdictOn(eventId, move);
  }

  /** The fence of a stale RETURN this lock never recorded: its ending can no longer record it. */
  voidReturn(move: SeatMove): Promise<void> {
    return this.locks.voidReturn(move.ownerId, move.id);
  }

  /** The lock's ending, the same RETURN steps as a booking's (BookingsService.end). */
  private async end(
    lock: SeatLock,
    ending: LockTransition | undefined,
    correlationId: string,
  ): Promise<SeatLock | undefined> {
    let ended: SeatLock | undefined = lock;
    let move: SeatMove | undefined;
    if (ending) {
      move = await this.events.markReturn(lock.eventId, lock.seatOwner);
      ended = await this.locks.transition(lock.id, ending, { correlationId, returnedBy: move.id });
    }
    await this.events.completeReturn(lock.eventId, ended, move);
    if (ended) this.settleLater(ended);
    return ended;
  }
}
