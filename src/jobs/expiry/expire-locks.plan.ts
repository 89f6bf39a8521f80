import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import type { SeatLock } from '../../locks/domain/seat-lock';
import { LocksService } from '../../locks/locks.service';
import type { JobContext } from '../job-runner';
import type { ExpiryPlan } from './expiry-pass';
import { SeatMovesReconcile } from '../passes/seat-moves-reconcile';

/**
 * EXPIRE_LOCKS: ACTIVE locks past their hold time are expired and their seats returned — after the seat
 * moves and locks that dead requests left half done are finished.
 */
@Injectable()
export class ExpireLocksPlan implements ExpiryPlan<SeatLock> {
  readonly kind = 'lock';

  constructor(
    private readonly seatMoves: SeatMovesReconcile,
    private readonly locks: LocksService,
    private readonly bookings: BookingsService,
  ) {}

  settleAbandoned(before: Date, _now: Date, context: JobContext): Promise<void> {
    return this.seatMoves.run(before, context);
  }

  unsettled(before: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.unsettled(before, batchSize);
  }

  async reconcile(lock: SeatLock): Promise<void> {
    if (lock.status === 'CONSUMED') await this.bookings.completeConsumption(lock);
    else this.locks.settleLater(lock);
  }

  due(now: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.expiredActive(now, batchSize);
  }

  expire(lock: SeatLock, context: JobContext): Promise<boolean> {
    return this.locks.expire(lock, context.correlationId);
  }
}
