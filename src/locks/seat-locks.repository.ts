import type { LockStatus, LockTransition, SeatLock } from './domain/seat-lock';

export abstract class SeatLocksRepository {
  /**
   * Stores a new lock. When its id or its owner's idempotency key is taken already, stores nothing and returns
   * the lock that holds the key (a twin won), or undefined when the id was fenced (ABANDONED) first.
   */
  abstract insert(lock: SeatLock): Promise<{ inserted: true } | { inserted: false; twin?: SeatLock }>;
  abstract findById(id: string): Promise<SeatLock | undefined>;
  /** Inserts the ABANDONED fence; false when a lock with that id exists already. */
  abstract fence(lock: SeatLock): Promise<boolean>;
  /**
   * Persists the move the entity decided, only while the lock is still in its `from` (and its expiry guard
   * holds). Returns the moved lock, or undefined when another caller moved it first. The move records
   * `from`, the request's correlation id, and clears `settled`.
   */
  abstract transition(
    id: string,
    transition: LockTransition,
    context: LockTransitionContext,
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

/** Who made the move, and for an ending the RETURN move it records (refused if that move was fenced). */
export interface LockTransitionContext {
  correlationId: string;
  returnedBy?: string;
  /** Also require the lock to belong to this user, so nobody else's request can move it. */
  ownedBy?: string;
}
