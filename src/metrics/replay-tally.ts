import { LRUCache } from 'lru-cache';

/** Enough keys to see a client's retry burst; older keys are forgotten first, so memory stays bounded. */
const MAX_KEYS = 10_000;

/** Counts replays per (scope, key) in this process, forgetting the least recently replayed keys first. */
export class ReplayTally {
  private readonly counts: LRUCache<string, number>;

  constructor(maxKeys = MAX_KEYS) {
    this.counts = new LRUCache({ max: maxKeys });
  }

  /** Records one more replay of the key and answers its ordinal (1 for the first). */
  next(scope: string, key: string): number {
    const id = `${scope}\u0000${key}`;
    const count = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, count);
    return count;
  }
}
