import type { LockStatus, SeatLock } from './domain/seat-lock';

export abstract class SeatLocksRepository {
  /**
   * Stores a new lock. When its id or its idempotency key is taken already, stores nothing and returns
   * the lock that holds the key (a twin won), or undefined when the id was fenced (ABANDONED) first.
   */
  abstract insert(lock: SeatLock): Promise<{ inserted: true } | { inserted: false; twin?: SeatLock }>;
  abstract findById(id: string): Promise<SeatLock | undefined>;
  /** Inserts the ABANDONED fence; false when a lock with that id exists already. */
  abstract fence(lock: SeatLock): Promise<boolean>;
  /**
   * Moves the lock from one of `to`'s source states to `to` with `changes`, only if it still is in
   * `from` (and, with `unexpiredAt`/`expiredAt`, only if its hold time has / has not passed). Returns the
   * moved lock, or undefined when another caller moved it first. The move records `from`, the request's
   * correlation id, and clears `settled`.
   */
  abstract transition(
    id: string,
    from: LockStatus,
    to: LockStatus,
    changes: LockTransitionChanges,
  ): Promise<SeatLock | undefined>;
  /** Fences out a RETURN move the lock never recorded (seat-move.ts); a no-op once it ended with one. */
  abstract voidReturn(id: string, moveId: string): Promise<void>;
  /** Marks many locks settled in one command; each only if it is still in the state whose follow-up was done. */
  abstract markSettled(locks: { id: string; status: LockStatus }[]): Promise<void>;
  /** One query for the whole run, read in batches. */
  abstract streamExpiredActive(now: Date, batchSize: number): AsyncIterable<SeatLock>;
  abstract streamUnsettled(updatedBefore: Date, batchSize: number): AsyncIterable<SeatLock>;
  abstract findAll(): Promise<SeatLock[]>;
}

export interface LockTransitionChanges {
  correlationId: string;
  bookingId?: string;
  consumedAt?: Date;
  returnedBy?: string;
  /** Also require the hold time not to have passed at this instant. */
  unexpiredAt?: Date;
  /** Also require the hold time to have passed at this instant. */
  expiredAt?: Date;
}
