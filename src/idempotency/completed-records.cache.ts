import { LRUCache } from 'lru-cache';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';

export type CompletedRecord = IdempotencyRecord & { response: StoredResponse };

/** Enough for every key a busy instance sees replayed within minutes; each entry is one stored answer. */
const MAX_ENTRIES = 10_000;

/**
 * Completed idempotency records, in process. A completed record never changes — only its expiry ends it —
 * so any instance may answer a replay from memory; a key still in flight or released is never here. An
 * entry stops being served `marginMs` before its record's `expiresAt`: an instance whose clock runs ahead
 * by up to that much may already see the record expired and let the key be taken again, and from then on
 * only the store knows the key's answer. Least recently used entries go first when it is full.
 */
export class CompletedRecordsCache {
  private readonly entries: LRUCache<string, CompletedRecord>;

  constructor(
    private readonly marginMs: number,
    maxEntries = MAX_ENTRIES,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(scope: string, key: string, now: Date): CompletedRecord | undefined {
    const id = `${scope} ${key}`;
    const record = this.entries.get(id);
    if (!record) return undefined;
    if (record.expiresAt.getTime() - this.marginMs <= now.getTime()) {
      this.entries.delete(id);
      return undefined;
    }
    return record;
  }

  put(record: CompletedRecord): void {
    this.entries.set(`${record.scope} ${record.key}`, record);
  }

  get size(): number {
    return this.entries.size;
  }
}
