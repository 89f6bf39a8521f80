import type { IdempotencyRecord, StoredResponse } from './idempotency-record';

/**
 * Idempotency records, one per (scope, key). Every write is conditional, so two instances racing for a
 * key settle it in the database, never in memory.
 */
export abstract class IdempotencyStore {
  /** Inserts `record` as a new claim in one command; returns the record already there instead, if any. */
  abstract claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  /** Replaces a record that has outlived its retention with a fresh claim. */
  abstract replaceExpired(record: IdempotencyRecord, now: Date): Promise<boolean>;
  /**
   * Takes over an in-flight claim still held under `staleToken` whose lease ended at or before
   * `lapsedBy`; the record keeps everything else (fingerprint, correlation id, createdAt).
   */
  abstract takeOver(record: IdempotencyRecord, staleToken: string, lapsedBy: Date): Promise<boolean>;
  abstract renew(scope: string, key: string, token: string, leaseUntil: Date): Promise<boolean>;
  abstract complete(scope: string, key: string, token: string, response: StoredResponse, at: Date): Promise<boolean>;
  /** Gives the key back after a transient failure, so the same request may be tried again. */
  abstract release(scope: string, key: string, token: string): Promise<void>;
  abstract purgeExpired(now: Date, limit: number): Promise<number>;
}
