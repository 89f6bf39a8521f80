import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import { AppConfig } from '../../config/app-config';
import type { SeatLock } from '../../locks/domain/seat-lock';
import { LocksService } from '../../locks/locks.service';
import { SeatLocksRepository } from '../../locks/seat-locks.repository';
import type { JobContext } from '../job-runner';
import { ExpiredRecordsPurge } from './expired-records-purge';
import { inBatches } from './in-batches';

/**
 * EXPIRE_LOCKS: first finishes what crashed requests left owed on locks (the reconcile half of
 * architecture rule 2), then expires ACTIVE locks past their hold time, returning their seats.
 */
@Injectable()
export class ExpireLocksWork {
  constructor(
    private readonly locks: SeatLocksRepository,
    private readonly lockService: LocksService,
    private readonly bookingService: BookingsService,
    private readonly purge: ExpiredRecordsPurge,
    private readonly config: AppConfig,
  ) {}

  async run(context: JobContext): Promise<void> {
    const settleBefore = new Date(Date.now() - this.config.RECONCILE_AFTER_SECONDS * 1000);
    await inBatches(
      context,
      (limit, exclude) => this.locks.findUnsettled(settleBefore, limit, exclude),
      (lock) => this.reconcile(lock, context),
    );
    const now = new Date();
    await inBatches(
      context,
      (limit, exclude) => this.locks.findExpiredActive(now, limit, exclude),
      (lock) => this.lockService.expire(lock, context.correlationId),
    );
    await this.purge.run(context);
  }

  private async reconcile(lock: SeatLock, context: JobContext): Promise<boolean> {
    context.tally.note(`reconciled lock ${lock.id} (${lock.status})`);
    if (lock.status === 'PENDING') return this.lockService.expire(lock, context.correlationId);
    if (lock.status === 'CONSUMED') await this.bookingService.completeConsumption(lock, context.correlationId);
    else await this.lockService.settle(lock, context.correlationId);
    return true;
  }
}
