import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { outsideRequest } from '../database/round-trips';

/**
 * Writes one kind of follow-up for many items at once. Phases order a flush: a later phase runs only
 * when every earlier one succeeded (an entity is marked settled only once its audit entry is stored).
 */
export interface BatchWriter<T> {
  readonly phase: number;
  writeBatch(items: T[]): Promise<void>;
}

/**
 * Follow-up work that a request owes but its answer does not need — audit entries, `settled` flags,
 * cleared inventory markers, refunds — runs right after the answer, batched across the requests in
 * flight, so a busy instance pays one round trip for many requests' bookkeeping.
 *
 * Nothing here is the only record of anything owed: every entity whose follow-up is pending is stored
 * `settled: false` (or carries a marker), and the reconcile pass of the jobs finishes it after a crash.
 * A flush that fails is dropped for the same reason; only retry audit entries, which no entity owes,
 * can be lost that way (README, "What a crash can lose").
 */
@Injectable()
export class FollowUpQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FollowUpQueue.name);
  private tasks: Array<() => Promise<void>> = [];
  private batches = new Map<BatchWriter<unknown>, unknown[]>();
  private running?: Promise<void>;

  add<T>(writer: BatchWriter<T>, ...items: T[]): void {
    const pending = this.batches.get(writer as BatchWriter<unknown>) ?? [];
    pending.push(...items);
    this.batches.set(writer as BatchWriter<unknown>, pending);
    this.kick();
  }

  /** Work that runs before this flush's batches (a refund), and may add follow-ups of its own. */
  task(work: () => Promise<void>): void {
    this.tasks.push(work);
    this.kick();
  }

  /** Resolves once everything queued so far is written: reads that show follow-ups wait for it. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private kick(): void {
    if (this.running) return;
    // Started outside the request that queued the work, so the request's answer never waits for it.
    this.running = outsideRequest(() =>
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.flushUntilEmpty())
        .finally(() => {
          this.running = undefined;
        }),
    );
  }

  private async flushUntilEmpty(): Promise<void> {
    while (this.tasks.length > 0 || this.batches.size > 0) {
      const tasks = this.tasks;
      this.tasks = [];
      for (const task of tasks) {
        await task().catch((error: unknown) => this.logger.warn({ err: error }, 'follow-up task failed; the reconcile pass will finish it'));
      }
      const batches = [...this.batches].sort(([a], [b]) => a.phase - b.phase);
      this.batches = new Map();
      let failedPhase = Infinity;
      for (const [writer, items] of batches) {
        if (writer.phase > failedPhase) continue;
        try {
          await writer.writeBatch(items);
        } catch (error) {
          failedPhase = Math.min(failedPhase, writer.phase);
          this.logger.warn({ err: error }, 'follow-up batch failed; the reconcile pass will finish it');
        }
      }
    }
  }
}
