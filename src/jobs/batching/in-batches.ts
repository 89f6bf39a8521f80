import type { JobContext } from '../job-runner';

/**
 * Works through a stream of items (one query for the whole run) with per-item isolation: an item that
 * throws is counted as an error and the run goes on. Each item handled is progress (which keeps the lease
 * renewed), and none is started unless the run may still act. After every batch the follow-ups the items
 * queued are written and the lease is renewed; a run that lost it stops at once. `handle` answers whether
 * this call did the work (false when another instance got there first).
 */
export async function inBatches<T extends { id: string }>(
  context: JobContext,
  items: AsyncIterable<T>,
  handle: (item: T) => Promise<boolean>,
): Promise<void> {
  let inBatch = 0;
  for await (const item of items) {
    if (!(await context.mayAct())) return;
    try {
      if (await handle(item)) context.tally.processed += 1;
    } catch (error) {
      context.tally.failed(item.id, error);
    }
    context.progressed();
    if (++inBatch < context.batchSize) continue;
    inBatch = 0;
    await context.flush();
    if (!(await context.stillHolding())) return;
  }
  await context.flush();
}
