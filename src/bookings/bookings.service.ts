import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { EventsRepository } from '../events/events.repository';
import { LockNotActiveError } from '../locks/domain/lock-errors';
import type { SeatLock } from '../locks/domain/seat-lock';
import { LocksService } from '../locks/locks.service';
import { SeatLocksRepository } from '../locks/seat-locks.repository';
import { PaymentProvider } from '../payments/provider/payment-provider';
import { BookingsRepository } from './bookings.repository';
import { Booking, type BookingStatus } from './domain/booking';
import { RefundPolicy } from './domain/refund-policy';

/**
 * Bookings. Confirming a lock is: ACTIVE → CONSUMED with the booking's id fixed in that same update
 * (one winner), then the booking is inserted from the lock (unique per lock), then both are audited.
 * After the first step every caller — the winner, a twin, a retry after a crash, the reconcile pass —
 * runs the same idempotent completion, so a crash can delay the booking but never lose or double it.
 *
 * Cancelling is: guarded transition to CANCELLED carrying the refund decided at that instant, then
 * the refund through the provider (idempotent by booking), then the seat release (guarded by the
 * hold), then `settled`. Repeating it resumes whatever is still owed and changes nothing else.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly locks: SeatLocksRepository,
    private readonly lockService: LocksService,
    private readonly events: EventsRepository,
    private readonly provider: PaymentProvider,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The booking for the lock; `created` only for the caller whose confirmation consumed the lock. */
  async confirm(seatLockId: string, correlationId: string): Promise<{ booking: Booking; created: boolean }> {
    const lock = await this.lockService.get(seatLockId);
    if (lock.status !== 'CONSUMED') {
      const now = new Date();
      lock.assertConsumable(now);
      const consumed = await this.locks.transition(lock.id, 'ACTIVE', 'CONSUMED', {
        bookingId: newId(now.getTime()),
        consumedAt: now,
        unexpiredAt: now,
      });
      if (consumed) return { booking: await this.completeConsumption(consumed, correlationId), created: true };
    }

    const current = await this.lockService.get(seatLockId);
    if (current.status !== 'CONSUMED') {
      throw new LockNotActiveError(seatLockId, current.status === 'ACTIVE' ? 'EXPIRED' : current.status);
    }
    const booking = await this.completeConsumption(current, correlationId);
    await this.audit.fact({
      bookingId: booking.id,
      lockId: current.id,
      eventId: current.eventId,
      action: 'REQUEST_RETRY',
      fromState: booking.status,
      toState: booking.status,
      correlationId,
      metadata: { isRetry: true, scope: 'bookings.create', reason: 'The lock was already confirmed' },
    });
    return { booking, created: false };
  }

  /** Everything owed once a lock is CONSUMED; safe to run any number of times, from anywhere. */
  async completeConsumption(lock: SeatLock, correlationId: string): Promise<Booking> {
    const event = await this.events.findById(lock.eventId);
    if (!event) throw new NotFoundError('Event', lock.eventId);
    await this.audit.transition(lock.id, {
      lockId: lock.id,
      bookingId: lock.bookingId,
      eventId: lock.eventId,
      action: 'LOCK_CONSUMED',
      fromState: 'ACTIVE',
      toState: 'CONSUMED',
      correlationId,
      metadata: { isRetry: false },
    });
    const candidate = Booking.fromConsumedLock(lock, event.price, this.config.BOOKING_TTL_SECONDS);
    const { booking, inserted } = await this.bookings.insertOrGet(candidate);
    await this.recordTransition(booking, correlationId);
    await this.locks.markSettled(lock.id, 'CONSUMED');
    return inserted ? booking : ((await this.bookings.findById(booking.id)) ?? booking);
  }

  async get(id: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw new NotFoundError('Booking', id);
    return booking;
  }

  async cancel(id: string, reason: string | undefined, correlationId: string): Promise<Booking> {
    for (;;) {
      const booking = await this.get(id);
      const now = new Date();
      if (booking.isOverdueAt(now)) {
        await this.expire(booking, correlationId);
        continue;
      }
      booking.assertCancellable(now);
      if (booking.status === 'CANCELLED') return this.settle(booking, correlationId);

      const event = await this.events.findById(booking.eventId);
      const paid = booking.status === 'CONFIRMED' ? booking.amount : 0;
      const decision = RefundPolicy.decide({ paidAmount: paid, startsAt: event!.startsAt, cancelledAt: now });
      const cancelled = await this.bookings.transition(id, booking.status, 'CANCELLED', {
        cancellation: booking.cancellationAt(now, decision, reason),
      });
      // Lost the race (paid, expired or cancelled meanwhile): decide again from the new state.
      if (cancelled) return this.settle(cancelled, correlationId);
    }
  }

  /** Expires an unpaid booking whose payment window has closed. True when this call made the move. */
  async expire(booking: Booking, correlationId: string): Promise<boolean> {
    const expired = await this.bookings.transition(booking.id, 'PENDING_PAYMENT', 'EXPIRED', { overdueAt: new Date() });
    if (!expired) return false;
    await this.settle(expired, correlationId);
    return true;
  }

  /**
   * Finishes what the booking's last transition still owes — its audit entry, for a cancellation the
   * refund, for an ended booking the seat release — and marks it settled. Every step is idempotent,
   * so the winner of the transition, a retry after a crash and the reconcile pass may all run it.
   */
  async settle(booking: Booking, correlationId: string): Promise<Booking> {
    if (booking.settled) return booking;
    await this.recordTransition(booking, correlationId);
    const refund = booking.cancellation?.refund;
    if (booking.owesRefund && refund && booking.payment) {
      const { refundId } = await this.provider.refund({
        key: `booking:${booking.id}`,
        bookingId: booking.id,
        chargeId: booking.payment.chargeId,
        amount: refund.amount,
      });
      await this.bookings.markRefunded(booking.id, refundId, new Date());
      await this.audit.transition(`${booking.id}:refund`, {
        bookingId: booking.id,
        eventId: booking.eventId,
        action: 'REFUND_ISSUED',
        fromState: 'PENDING',
        toState: 'REFUNDED',
        correlationId,
        metadata: { isRetry: false, amount: refund.amount, policy: refund.policy, refundId },
      });
    }
    if (booking.endedWithoutSeats) await this.events.releaseSeats(booking.eventId, booking.seatLockId, booking.seats);
    await this.bookings.markSettled(booking.id, booking.status);
    return (await this.bookings.findById(booking.id)) ?? booking;
  }

  private recordTransition(booking: Booking, correlationId: string): Promise<void> {
    return this.audit.transition(booking.id, {
      bookingId: booking.id,
      lockId: booking.seatLockId,
      eventId: booking.eventId,
      attemptId: booking.payment?.attemptId,
      action: BOOKING_ACTIONS[booking.status],
      fromState: booking.previousStatus ?? null,
      toState: booking.status,
      correlationId,
      metadata: { isRetry: false, ...auditDetailsOf(booking) },
    });
  }
}

const BOOKING_ACTIONS: Record<BookingStatus, string> = {
  PENDING_PAYMENT: 'BOOKING_CREATED',
  CONFIRMED: 'BOOKING_CONFIRMED',
  CANCELLED: 'BOOKING_CANCELLED',
  EXPIRED: 'BOOKING_EXPIRED',
};

function auditDetailsOf(booking: Booking): Record<string, unknown> {
  switch (booking.status) {
    case 'PENDING_PAYMENT':
      return { amount: booking.amount, seats: booking.seats };
    case 'CONFIRMED':
      return { chargeId: booking.payment?.chargeId };
    case 'CANCELLED':
      return { reason: booking.cancellation?.reason, refund: booking.cancellation?.refund };
    case 'EXPIRED':
      return {};
  }
}
