import { Injectable } from '@nestjs/common';
import { BookingsRepository } from '../../bookings/bookings.repository';
import { BookingsService } from '../../bookings/bookings.service';
import type { Booking } from '../../bookings/domain/booking';
import { AppConfig } from '../../config/app-config';
import { PaymentsService } from '../../payments/payments.service';
import type { JobContext } from '../job-runner';
import { ExpiredRecordsPurge } from './expired-records-purge';
import { inBatches } from './in-batches';

/**
 * EXPIRE_BOOKINGS: first finishes what crashed requests left owed on bookings (refunds, seat
 * releases), then expires unpaid bookings past their payment window — after applying any charge a
 * lost request made for them, so money taken in time confirms the booking instead.
 */
@Injectable()
export class ExpireBookingsWork {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly bookingService: BookingsService,
    private readonly payments: PaymentsService,
    private readonly purge: ExpiredRecordsPurge,
    private readonly config: AppConfig,
  ) {}

  async run(context: JobContext): Promise<void> {
    const settleBefore = new Date(Date.now() - this.config.RECONCILE_AFTER_SECONDS * 1000);
    await inBatches(
      context,
      (limit, exclude) => this.bookings.findUnsettled(settleBefore, limit, exclude),
      async (booking) => {
        context.tally.note(`reconciled booking ${booking.id} (${booking.status})`);
        await this.bookingService.settle(booking, context.correlationId);
        return true;
      },
    );
    const now = new Date();
    await inBatches(
      context,
      (limit, exclude) => this.bookings.findOverdue(now, limit, exclude),
      (booking) => this.expire(booking, context),
    );
    await this.purge.run(context);
  }

  private async expire(booking: Booking, context: JobContext): Promise<boolean> {
    await this.payments.settleOpenAttempts(booking.id, context.correlationId);
    return this.bookingService.expire(booking, context.correlationId);
  }
}
