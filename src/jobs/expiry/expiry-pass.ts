import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { JobContext } from '../job-runner';
import { ExpiredRecordsPurge } from '../passes/expired-records-purge';
import { inBatches } from '../batching/in-batches';

/** What an expiry job does with one kind of item. */
export interface ExpiryPlan<T extends { id: string; status: string }> {
  readonly kind: string;
  /**
   * Work owed by requests that died before `before`, that does not belong to one item (seat moves, money);
   * `now` is the instant `due` will expire items at.
   */
  settleAbandoned(before: Date, now: Date, context: JobContext): Promise<void>;
  /** Items whose last transition still owes follow-up work (a request died between two steps). */
  unsettled(before: Date, batchSize: number): AsyncIterable<T>;
  /** Queues what the item still owes; idempotent, so it is noted in the run's details, not counted as processed. */
  reconcile(item: T, context: JobContext): Promise<void>;
  /** Items whose time is up. */
  due(now: Date, batchSize: number): AsyncIterable<T>;
  expire(item: T, context: JobContext): Promise<boolean>;
}

/**
 * The shape every expiry job shares: first finish what crashed requests left owed (the reconcile half
 * of architecture rule 2), then expire what is due, then purge expired records where no TTL index does.
 * Each step reads its items with one query for the whole run.
 */
@Injectable()
export class ExpiryPass {
  constructor(
    private readonly purge: ExpiredRecordsPurge,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async run<T extends { id: string; status: string }>(plan: ExpiryPlan<T>, context: JobContext): Promise<void> {
    // One instant for the whole run: what the first step settles ahead of expiry is exactly what comes due.
    const now = this.clock.now();
    const settleBefore = new Date(now.getTime() - this.config.RECONCILE_AFTER_SECONDS * 1000);
    await plan.settleAbandoned(settleBefore, now, context);
    await inBatches(context, plan.unsettled(settleBefore, context.batchSize), async (item) => {
      context.tally.note(`reconciled ${plan.kind} ${item.id} (${item.status})`);
      await plan.reconcile(item, context);
      return false;
    });
    await inBatches(context, plan.due(now, context.batchSize), (item) => plan.expire(item, context));
    await this.purge.run(context);
  }
}
