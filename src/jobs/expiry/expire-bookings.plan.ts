import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import type { Booking } from '../../bookings/domain/booking';
import { PaymentsService } from '../../payments/payments.service';
import type { JobContext } from '../job-runner';
import type { ExpiryPlan } from './expiry-pass';
import { SeatMovesReconcile } from '../passes/seat-moves-reconcile';

/**
 * EXPIRE_BOOKINGS: seat moves left in flight are settled and every charge nobody came back for is applied
 * or refunded first (the money sweep, which also finishes the attempts of bookings about to expire, so
 * money taken in time confirms the booking); then unpaid bookings past their payment window are expired
 * and their seats returned.
 */
@Injectable()
export class ExpireBookingsPlan implements ExpiryPlan<Booking> {
  readonly kind = 'booking';

  constructor(
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
    private readonly seatMoves: SeatMovesReconcile,
  ) {}

  async settleAbandoned(before: Date, now: Date, context: JobContext): Promise<void> {
    await this.seatMoves.run(before, context);
    const moved = await this.payments.settleOpenAttempts({ before, now }, context.batchSize, context.correlationId);
    if (moved > 0) context.tally.note(`settled ${moved} payment attempt(s) nobody came back for`);
    context.tally.processed += moved;
  }

  unsettled(before: Date, batchSize: number): AsyncIterable<Booking> {
    return this.bookings.unsettled(before, batchSize);
  }

  reconcile(booking: Booking): Promise<void> {
    this.bookings.settleLater(booking);
    return Promise.resolve();
  }

  due(now: Date, batchSize: number): AsyncIterable<Booking> {
    return this.bookings.overdue(now, batchSize);
  }

  expire(booking: Booking, context: JobContext): Promise<boolean> {
    return this.bookings.expire(booking, context.correlationId);
  }
}
