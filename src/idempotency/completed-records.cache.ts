import type { IdempotencyRecord, StoredResponse } from './idempotency-record';

export type CompletedRecord = IdempotencyRecord & { response: StoredResponse };

/** Enough for every key a busy instance sees replayed within minutes; each entry is one stored answer. */
const MAX_ENTRIES = 10_000;

/**
 * Completed idempotency records, in process. A completed record never changes — only its expiry ends it —
 * so any instance may answer a replay from memory, and serve it until the record's own `expiresAt`; a key
 * still in flight or released is never here. Least recently used entries go first when it is full.
 */
export class CompletedRecordsCache {
  private readonly entries = new Map<string, CompletedRecord>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  get(scope: string, key: string, now: Date): CompletedRecord | undefined {
    const id = `${scope} ${key}`;
    const record = this.entries.get(id);
    if (!record) return undefined;
    this.entries.delete(id);
    if (record.expiresAt.getTime() <= now.getTime()) return undefined;
    this.entries.set(id, record);
    return record;
  }

  put(record: CompletedRecord): void {
    const id = `${record.scope} ${record.key}`;
    this.entries.delete(id);
    this.entries.set(id, record);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
