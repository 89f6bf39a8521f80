import type { JobContext } from '../job-runner';

/**
 * Drains a work queue in bounded batches with per-item isolation: an item that throws is counted as
 * an error, skipped for the rest of the run, and the run goes on. Between batches the lease is
 * renewed; a run that lost it stops at once. `handle` answers whether this call did the work (false
 * when another instance got there first).
 */
export async function inBatches<T extends { id: string }>(
  context: JobContext,
  fetch: (limit: number, exclude: string[]) => Promise<T[]>,
  handle: (item: T) => Promise<boolean>,
): Promise<void> {
  const failed: string[] = [];
  for (;;) {
    const batch = await fetch(context.batchSize, failed);
    for (const item of batch) {
      try {
        if (await handle(item)) context.tally.processed += 1;
      } catch (error) {
        failed.push(item.id);
        context.tally.failed(item.id, error);
      }
    }
    if (batch.length < context.batchSize) return;
    if (!(await context.stillHolding())) return;
  }
}
