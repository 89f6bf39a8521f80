import { InvalidRequestError } from '../../common/errors/domain-error';
import { StateMachine, expiryHolds, type Transition } from '../../common/state-machine';
import type { SeatMove } from '../../events/domain/seat-move';
import { LockNotActiveError } from './lock-errors';

export const MAX_SEATS_PER_LOCK = 50;

/**
 * ABANDONED is never shown to anyone: the reconcile pass inserts it under the id of a lock whose request
 * took seats and died before storing the lock, so that request can never store it later (seat-move.ts).
 */
export type LockStatus = 'ACTIVE' | 'CONSUMED' | 'EXPIRED' | 'RELEASED' | 'ABANDONED';

export const LOCK_STATES = new StateMachine<LockStatus>('lock', {
  ACTIVE: { from: [], audit: 'LOCK_CREATED', final: false, holdsSeats: true },
  // The booking made from the lock holds its seats from then on.
  CONSUMED: { from: ['ACTIVE'], audit: 'LOCK_CONSUMED', final: true },
  EXPIRED: { from: ['ACTIVE'], audit: 'LOCK_EXPIRED', final: true, returnsSeats: true },
  RELEASED: { from: ['ACTIVE'], audit: 'LOCK_RELEASED', final: true, returnsSeats: true },
  ABANDONED: { from: [], final: true },
});

/** A lock move its entity decided, with what it stores. */
export type LockTransition = Transition<LockStatus, Partial<Pick<SeatLockProps, 'bookingId' | 'consumedAt'>>>;

export interface SeatLockProps {
  id: string;
  eventId: string;
  userId: string;
  seats: number;
  /** The event's seat price and start when the seats were taken, so a booking needs no event read. */
  price: number;
  startsAt: Date;
  status: LockStatus;
  /** The state the last transition left, so whoever finishes it can audit it faithfully. */
  previousStatus?: LockStatus;
  idempotencyKey: string;
  expiresAt: Date;
  createdAt: Date;
  /** Set in the same update that consumes the lock, so the booking's id is known before it exists. */
  bookingId?: string;
  consumedAt?: Date;
  /** The RETURN move that gives this lock's seats back, fixed by the transition that ended it. */
  returnedBy?: string;
  /** RETURN moves the reconcile pass fenced out: the ending transition refuses them (seat-move.ts). */
  voidedReturns?: string[];
  /** The request that made the last transition, for its audit entry. */
  correlationId: string;
  /**
   * Whether the follow-up of the current state is done: its audit entry, and for CONSUMED the booking.
   * It is written after the answer; a crash leaves it false for the reconcile pass of the jobs.
   */
  settled: boolean;
  /** When its document was last written (the database stamps it); how long owed follow-up work has waited. */
  updatedAt?: Date;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface SeatLock extends Readonly<SeatLockProps> {}

export class SeatLock {
  private constructor(props: SeatLockProps) {
    Object.assign(this, props);
  }

  /** The lock a request creates once it holds the seats; its id is the id of that HOLD move. */
  static open(
    input: Pick<
      SeatLockProps,
      'id' | 'eventId' | 'userId' | 'seats' | 'price' | 'startsAt' | 'idempotencyKey' | 'correlationId'
    >,
    now: Date,
    ttlSeconds: number,
  ): SeatLock {
    SeatLock.assertSeats(input.seats);
    return new SeatLock({
      ...input,
      status: 'ACTIVE',
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
      settled: false,
    });
  }

  /** The record that fences out a HOLD whose request died before storing its lock. */
  static abandoned(move: { id: string; ownerId: string; seats: number; at: Date }, eventId: string): SeatLock {
    return new SeatLock({
      id: move.id,
      eventId,
      userId: '-',
      seats: move.seats,
      price: 0,
      startsAt: move.at,
      status: 'ABANDONED',
      // Unique like every key, and never one a client can send: a tab is not printable ASCII.
      idempotencyKey: `abandoned\t${move.id}`,
      expiresAt: move.at,
      createdAt: move.at,
      correlationId: 'reconcile',
      settled: true,
    });
  }

  static restore(props: SeatLockProps): SeatLock {
    return new SeatLock(props);
  }

  static assertSeats(seats: number): void {
    if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS_PER_LOCK) {
      throw new InvalidRequestError('LOCK.INVALID', `seats must be an integer from 1 to ${MAX_SEATS_PER_LOCK}`);
    }
  }

  /** ACTIVE → CONSUMED for the booking `bookingId`, only while the hold time has not passed at `now`. */
  static consumption(bookingId: string, now: Date): LockTransition {
    return { from: 'ACTIVE', to: 'CONSUMED', changes: { bookingId, consumedAt: now }, expiry: { notPassedAt: now } };
  }

  /** An ACTIVE lock past its hold time is expired even before the job has marked it. */
  isHoldingAt(now: Date): boolean {
    return this.status === 'ACTIVE' && expiryHolds(this.expiresAt, { notPassedAt: now });
  }

  /**
   * Its owner's release at `now`: RELEASED while it holds its seats; none for a lock released already (a
   * repeat is answered as it stands); an ACTIVE lock past its hold time expires instead, and the release
   * is then refused (`assertReleased`); LOCK.NOT_ACTIVE, naming its state, otherwise.
   */
  release(now: Date): LockTransition | undefined {
    if (this.status === 'RELEASED') return undefined;
    if (this.status === 'ACTIVE' && !this.isHoldingAt(now)) return this.expire(now);
    if (!this.isHoldingAt(now)) throw new LockNotActiveError(this.id, this.stateAt(now));
    return { from: 'ACTIVE', to: 'RELEASED', changes: {}, expiry: { notPassedAt: now } };
  }

  /** The lock a release ended with; LOCK.NOT_ACTIVE when it ended otherwise (it expired first). */
  assertReleased(): this {
    if (this.status !== 'RELEASED') throw new LockNotActiveError(this.id, this.status);
    return this;
  }

  /** The booking that consumed this lock; LOCK.NOT_ACTIVE, naming its state at `now`, for any other lock. */
  consumedBy(now: Date): string {
    if (this.status !== 'CONSUMED' || !this.bookingId) throw new LockNotActiveError(this.id, this.stateAt(now));
    return this.bookingId;
  }

  /** Expires an ACTIVE lock, only once its hold time has passed at `now`. */
  expire(now: Date): LockTransition {
    LOCK_STATES.assertMove(this.status, 'EXPIRED');
    return { from: 'ACTIVE', to: 'EXPIRED', changes: {}, expiry: { passedAt: now } };
  }

  /** The lock as the owner of a seat move (events/domain/seat-move.ts). */
  get seatOwner(): Pick<SeatMove, 'ownerKind' | 'ownerId' | 'seats'> {
    return { ownerKind: 'lock', ownerId: this.id, seats: this.seats };
  }

  /** No transition leaves its state. */
  get final(): boolean {
    return LOCK_STATES.rules[this.status].final;
  }

  /**
   * What a HOLD for this owner's key is marked with: a retry that wins the key gives back the holds of the
   * attempts it replaced, never those of someone else who happened to pick the same key.
   */
  static holdKey(request: { userId: string; idempotencyKey: string }): string {
    return JSON.stringify([request.userId, request.idempotencyKey]);
  }

  get visible(): boolean {
    return this.status !== 'ABANDONED';
  }

  sameRequestAs(other: { eventId: string; userId: string; seats: number }): boolean {
    return this.eventId === other.eventId && this.userId === other.userId && this.seats === other.seats;
  }

  /** How a client sees the lock's state: an ACTIVE lock past its time is EXPIRED already. */
  stateAt(now: Date): LockStatus {
    return this.status === 'ACTIVE' && !this.isHoldingAt(now) ? 'EXPIRED' : this.status;
  }
}
