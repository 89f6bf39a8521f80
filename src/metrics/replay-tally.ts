/** Enough keys to see a client's retry burst; older keys are forgotten first, so memory stays bounded. */
const MAX_KEYS = 10_000;

/** Counts replays per (scope, key) in this process, forgetting the least recently replayed keys first. */
export class ReplayTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxKeys = MAX_KEYS) {}

  /** Records one more replay of the key and answers its ordinal (1 for the first). */
  next(scope: string, key: string): number {
    const id = `${scope}\u0000${key}`;
    const count = (this.counts.get(id) ?? 0) + 1;
    // Re-inserting moves the key to the end of the Map's insertion order, which makes the first key the least recent.
    this.counts.delete(id);
    this.counts.set(id, count);
    if (this.counts.size > this.maxKeys) this.counts.delete(this.counts.keys().next().value as string);
    return count;
  }
}
