import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { unheard } from '../database/command-replies';
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
  private flushing = false;
  /** Items queued so far, and how many of them a finished flush has handled: a drain waits for its own. */
  private queued = 0;
  private handled = 0;
  private readonly waiters: { upTo: number; resolve: () => void }[] = [];

  add<T>(writer: BatchWriter<T>, ...items: T[]): void {
    const pending = this.batches.get(writer) ?? [];
    pending.push(...items);
    this.batches.set(writer, pending);
    this.queued += 1;
    this.kick();
  }

  /** Work that runs before this flush's batches (a refund), and may add follow-ups of its own. */
  task(work: () => Promise<void>): void {
    this.tasks.push(work);
    this.queued += 1;
    this.kick();
  }

  /**
   * Resolves once everything queued so far has been handled (written, or dropped to the reconcile pass):
   * reads that show follow-ups wait for it. Work queued later does not hold it up, however busy the instance.
   */
  drain(): Promise<void> {
    if (this.handled >= this.queued) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo: this.queued, resolve }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Started outside the request that queued the work, so the request's answer never waits for it, and
    // outside the job run that queued it, whose lease its replies must not keep alive.
    outsideRequest(() => unheard(() => setImmediate(() => void this.flushUntilEmpty())));
  }

  private async flushUntilEmpty(): Promise<void> {
    try {
      while (this.tasks.length > 0 || this.batches.size > 0) await this.flushRound();
    } finally {
      // Cleared in the same turn that found the queue empty, so whatever is added next starts a new flush.
      this.flushing = false;
    }
  }

  /**
   * One round: the tasks queued so far, then every batch queued by then, what those tasks queued included,
   * so a drain waiting for a refund task also sees the refund's audit entry written.
   */
  private async flushRound(): Promise<void> {
    const upTo = this.queued;
    const tasks = this.tasks;
    this.tasks = [];
    for (const task of tasks) {
      await task().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'follow-up task failed; the reconcile pass will finish it'),
      );
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
    // Nothing left means everything queued so far was handled; else at least what was queued before the round.
    this.markHandled(this.tasks.length === 0 && this.batches.size === 0 ? this.queued : upTo);
  }

  private markHandled(upTo: number): void {
    this.handled = Math.max(this.handled, upTo);
    for (const waiter of this.waiters.filter((w) => w.upTo <= this.handled)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
