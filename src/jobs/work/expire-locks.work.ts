import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import { resolveStaleMove } from '../../events/domain/seat-move';
import { EventsService } from '../../events/events.service';
import type { SeatLock } from '../../locks/domain/seat-lock';
import { LocksService } from '../../locks/locks.service';
import type { JobContext } from '../job-runner';
import type { ExpiryPlan } from './expiry-pass';

/**
 * EXPIRE_LOCKS: ACTIVE locks past their hold time are expired and their seats returned — after the seat
 * moves and locks that dead requests left half done are finished.
 */
@Injectable()
export class ExpireLocksWork implements ExpiryPlan<SeatLock> {
  readonly kind = 'lock';

  constructor(
    private readonly events: EventsService,
    private readonly locks: LocksService,
    private readonly bookings: BookingsService,
  ) {}

  /** Every seat move in flight since before `before` is applied, undone or forgotten as its owner says. */
  async settleAbandoned(before: Date, context: JobContext): Promise<void> {
    for (const { eventId, move } of await this.events.movesBefore(before)) {
      try {
        const verdict = move.ownerKind === 'lock' ? await this.locks.verdictOn(eventId, move) : await this.bookings.verdictOn(move);
        const action = resolveStaleMove(move, verdict);
        if (action === 'WAIT') continue;
        if (action === 'GIVE_SEATS_BACK') await this.events.giveSeatsBack(eventId, move);
        else await this.events.removeMarkerNow(eventId, move.id);
        context.tally.note(`settled ${move.kind} ${move.id} of ${move.ownerKind} ${move.ownerId}: ${action}`);
        context.tally.processed += 1;
      } catch (error) {
        context.tally.failed(move.id, error);
      }
    }
  }

  unsettled(before: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.unsettled(before, batchSize);
  }

  async reconcile(lock: SeatLock): Promise<boolean> {
    if (lock.status === 'CONSUMED') await this.bookings.completeConsumption(lock);
    else this.locks.settleLater(lock);
    return true;
  }

  due(now: Date, batchSize: number): AsyncIterable<SeatLock> {
    return this.locks.expiredActive(now, batchSize);
  }

  expire(lock: SeatLock, context: JobContext): Promise<boolean> {
    return this.locks.expire(lock, context.correlationId);
  }
}
