import type { LockStatus, SeatLock } from './domain/seat-lock';

export abstract class SeatLocksRepository {
  /** Stores a new lock, or returns the one already stored under its idempotency key. */
  abstract insertOrGetByKey(lock: SeatLock): Promise<{ lock: SeatLock; inserted: boolean }>;
  abstract findById(id: string): Promise<SeatLock | undefined>;
  abstract findByKey(idempotencyKey: string): Promise<SeatLock | undefined>;
  /**
   * Moves the lock from `from` to `to` only if it is still in `from`; returns the moved lock, or
   * undefined when another caller moved it first. The move records `from` and clears `settled`: the
   * follow-up of the new state (its audit entry, seat release) is owed until `markSettled`.
   */
  abstract transition(id: string, from: LockStatus, to: LockStatus, options?: LockTransitionOptions): Promise<SeatLock | undefined>;
  /** Records that the follow-up of `status` is done; a no-op if the lock has moved on since. */
  abstract markSettled(id: string, status: LockStatus): Promise<void>;
  /** Removes a lock that never held seats; a no-op unless it is still PENDING. */
  abstract deletePending(id: string): Promise<boolean>;
  /** Batches for the jobs skip `exclude`: items that failed earlier in the same run. */
  abstract findExpiredActive(now: Date, limit: number, exclude?: string[]): Promise<SeatLock[]>;
  abstract findUnsettled(updatedBefore: Date, limit: number, exclude?: string[]): Promise<SeatLock[]>;
  abstract findAll(): Promise<SeatLock[]>;
}

export interface LockTransitionOptions {
  bookingId?: string;
  consumedAt?: Date;
  /** Also require the hold time not to have passed at this instant. */
  unexpiredAt?: Date;
  /** Also require the hold time to have passed at this instant. */
  expiredAt?: Date;
}
