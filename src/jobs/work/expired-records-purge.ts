import { Injectable } from '@nestjs/common';
import { IndexBootstrap } from '../../database/index-bootstrap';
import { IdempotencyStore } from '../../idempotency/idempotency.store';
import { PaymentsService } from '../../payments/payments.service';
import type { JobContext } from '../job-runner';
import { JobExecutionsRepository } from '../job-executions.repository';

/**
 * Deletes expired idempotency records, finished payment attempts and job executions where the database has
 * no TTL monitor to do it (reads already treat expired records as absent; this only reclaims space), and
 * releases idempotency claims whose request died, wherever the database runs.
 */
@Injectable()
export class ExpiredRecordsPurge {
  constructor(
    private readonly indexes: IndexBootstrap,
    private readonly idempotency: IdempotencyStore,
    private readonly payments: PaymentsService,
    private readonly executions: JobExecutionsRepository,
  ) {}

  async run(context: JobContext): Promise<void> {
    const purges = [
      // Claims whose request died (or whose release was lost to an outage) once their lease has run out: the
      // same release the next send of the key would make by taking it over.
      (limit: number, now: Date) => this.idempotency.releaseLapsed(now, limit),
    ];
    if (!this.indexes.serverExpiresRecords) {
      purges.push(
        (limit: number, now: Date) => this.idempotency.purgeExpired(now, limit),
        (limit: number, now: Date) => this.payments.purgeFinished(now, limit),
        (limit: number, now: Date) => this.executions.purgeExpired(now, limit),
      );
    }
    for (const purge of purges) {
      let purged = 0;
      do {
        purged = await purge(context.batchSize, new Date());
      } while (purged === context.batchSize && (await context.stillHolding()));
    }
  }
}
