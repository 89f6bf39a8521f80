import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { IndexBootstrap } from '../../database/index-bootstrap';
import { IdempotencyStore } from '../../idempotency/idempotency.store';
import { PaymentsService } from '../../payments/payments.service';
import type { JobContext } from '../job-runner';
import { JobExecutionsRepository } from '../job-executions.repository';

/**
 * Deletes expired idempotency records, finished payment attempts and job executions where the database has
 * no TTL monitor to do it (reads already treat expired records as absent; this only reclaims space). A claim
 * whose request died is not touched before it expires: it keeps the key's fingerprint and correlation id,
 * so the next send of the key takes it over as a retry, and another payload is refused.
 */
@Injectable()
export class ExpiredRecordsPurge {
  constructor(
    private readonly indexes: IndexBootstrap,
    private readonly idempotency: IdempotencyStore,
    private readonly payments: PaymentsService,
    private readonly executions: JobExecutionsRepository,
    private readonly clock: Clock,
  ) {}

  async run(context: JobContext): Promise<void> {
    if (this.indexes.serverExpiresRecords) return;
    const purges = [
      (limit: number, now: Date) => this.idempotency.purgeExpired(now, limit),
      (limit: number, now: Date) => this.payments.purgeFinished(now, limit),
      (limit: number, now: Date) => this.executions.purgeExpired(now, limit),
    ];
    for (const purge of purges) {
      let purged = 0;
      do {
        purged = await purge(context.batchSize, this.clock.now());
      } while (purged === context.batchSize && (await context.stillHolding()));
    }
  }
}
