import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import type { SeatLock } from '../../locks/domain/seat-lock';
import { LocksService } from '../../locks/locks.service';
import { SeatLocksRepository } from '../../locks/seat-locks.repository';
import type { JobContext } from '../job-runner';
import type { ExpiryPlan } from './expiry-pass';

/** EXPIRE_LOCKS: ACTIVE locks past their hold time are expired and their seats returned. */
@Injectable()
export class ExpireLocksWork implements ExpiryPlan<SeatLock> {
  readonly kind = 'lock';

  constructor(
    private readonly locks: SeatLocksRepository,
    private readonly lockService: LocksService,
    private readonly bookingService: BookingsService,
  ) {}

  findUnsettled(updatedBefore: Date, limit: number, exclude: string[]): Promise<SeatLock[]> {
    return this.locks.findUnsettled(updatedBefore, limit, exclude);
  }

  /** An abandoned PENDING lock is rolled back; every other state is rolled forward. */
  async reconcile(lock: SeatLock, context: JobContext): Promise<boolean> {
    if (lock.status === 'PENDING') return this.lockService.expire(lock, context.correlationId);
    if (lock.status === 'CONSUMED') await this.bookingService.completeConsumption(lock, context.correlationId);
    else await this.lockService.settle(lock, context.correlationId);
    return true;
  }

  findDue(now: Date, limit: number, exclude: string[]): Promise<SeatLock[]> {
    return this.locks.findExpiredActive(now, limit, exclude);
  }

  expire(lock: SeatLock, context: JobContext): Promise<boolean> {
    return this.lockService.expire(lock, context.correlationId);
  }
}
