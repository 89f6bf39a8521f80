import { ConflictError, InvalidRequestError } from '../../common/errors/domain-error';
import { Transitions } from '../../common/transitions';

export const MAX_SEATS_PER_LOCK = 50;

/**
 * PENDING is the lock's first, private state: the document exists (so a retry of the same key finds
 * it) but its seats may not be reserved yet. Clients only ever see ACTIVE and what follows.
 */
export type LockStatus = 'PENDING' | 'ACTIVE' | 'CONSUMED' | 'EXPIRED' | 'RELEASED';

const TRANSITIONS = new Transitions<LockStatus>({
  PENDING: ['ACTIVE', 'EXPIRED'],
  ACTIVE: ['CONSUMED', 'EXPIRED', 'RELEASED'],
  CONSUMED: [],
  EXPIRED: [],
  RELEASED: [],
});

export interface SeatLockProps {
  id: string;
  eventId: string;
  userId: string;
  seats: number;
  status: LockStatus;
  /** The state the last transition left, so whoever finishes it can audit it faithfully. */
  previousStatus?: LockStatus;
  idempotencyKey: string;
  expiresAt: Date;
  createdAt: Date;
  /** Set in the same update that consumes the lock, so the booking's id is known before it exists. */
  bookingId?: string;
  consumedAt?: Date;
  /**
   * Whether the follow-up work of the current state is done: its audit entry, and for CONSUMED the
   * booking, for EXPIRED/RELEASED the seats given back. A crash leaves it false, and the retry of
   * the request or the reconcile pass of the expiry jobs finishes what was started.
   */
  settled: boolean;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface SeatLock extends Readonly<SeatLockProps> {}

export class SeatLock {
  static readonly transitions = TRANSITIONS;

  private constructor(props: SeatLockProps) {
    Object.assign(this, props);
  }

  static open(
    input: { id: string; eventId: string; userId: string; seats: number; idempotencyKey: string },
    now: Date,
    ttlSeconds: number,
  ): SeatLock {
    SeatLock.assertSeats(input.seats);
    return new SeatLock({
      ...input,
      status: 'PENDING',
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
      settled: false,
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

  /** An ACTIVE lock past its hold time is expired even before the job has marked it. */
  isHoldingAt(now: Date): boolean {
    return this.status === 'ACTIVE' && this.expiresAt.getTime() > now.getTime();
  }

  /** Whether the lock's seats go back to the event: it ended without becoming a booking. */
  get endedUnused(): boolean {
    return this.status === 'EXPIRED' || this.status === 'RELEASED';
  }

  sameRequestAs(other: { eventId: string; userId: string; seats: number }): boolean {
    return this.eventId === other.eventId && this.userId === other.userId && this.seats === other.seats;
  }

  assertConsumable(now: Date): void {
    if (this.status === 'CONSUMED') return;
    if (!this.isHoldingAt(now)) {
      const state = this.status === 'ACTIVE' ? 'EXPIRED' : this.status;
      throw new ConflictError('LOCK.NOT_ACTIVE', `Lock ${this.id} is ${state} and can no longer be booked`);
    }
  }
}
