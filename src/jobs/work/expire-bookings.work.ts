import { Injectable } from '@nestjs/common';
import { BookingsRepository } from '../../bookings/bookings.repository';
import { BookingsService } from '../../bookings/bookings.service';
import type { Booking } from '../../bookings/domain/booking';
import { PaymentsService } from '../../payments/payments.service';
import type { JobContext } from '../job-runner';
import type { ExpiryPlan } from './expiry-pass';

/**
 * EXPIRE_BOOKINGS: unpaid bookings past their payment window are expired and their seats returned —
 * after applying any charge a lost request made for them, so money taken in time confirms the booking.
 */
@Injectable()
export class ExpireBookingsWork implements ExpiryPlan<Booking> {
  readonly kind = 'booking';

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly bookingService: BookingsService,
    private readonly payments: PaymentsService,
  ) {}

  findUnsettled(updatedBefore: Date, limit: number, exclude: string[]): Promise<Booking[]> {
    return this.bookings.findUnsettled(updatedBefore, limit, exclude);
  }

  async reconcile(booking: Booking, context: JobContext): Promise<boolean> {
    await this.bookingService.settle(booking, context.correlationId);
    return true;
  }

  findDue(now: Date, limit: number, exclude: string[]): Promise<Booking[]> {
    return this.bookings.findOverdue(now, limit, exclude);
  }

  async expire(booking: Booking, context: JobContext): Promise<boolean> {
    await this.payments.settleOpenAttempts(booking.id, context.correlationId);
    return this.bookingService.expire(booking, context.correlationId);
  }
}
