import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { NewAuditEntry } from '../audit/domain/audit-entry';
import { BookingsRepository } from '../bookings/bookings.repository';
import { BookingsService } from '../bookings/bookings.service';
import type { Booking } from '../bookings/domain/booking';
import { DomainError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { IdempotencyKeyReusedError } from '../idempotency/idempotency-errors';
import { MetricsService } from '../metrics/metrics.service';
import { PaymentAttempt } from './domain/payment-attempt';
import { AmountMismatchError, BookingAlreadyPaidError, BookingNotPayableError } from './domain/payment-errors';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentProvider, type ForcedOutcome, type LedgerEntry } from './provider/payment-provider';

export interface PayCommand {
  bookingId: string;
  amount: number;
  force: ForcedOutcome;
  idempotencyKey: string;
}

export interface PaymentOutcome {
  attempt: PaymentAttempt;
  booking: Booking;
  /** True when this request continued an attempt an earlier request with the same key had started. */
  resumed: boolean;
}

/**
 * Payments. An attempt is a resumable state machine keyed by the request's idempotency key:
 *   1. insert the attempt PROCESSING (unique key) — a retry finds and resumes it;
 *   2. charge through the provider under the attempt's provider key — money moves at most once,
 *      and a retry after a lost answer (timeout) gets the earlier charge back;
 *   3. PROCESSING → SUCCEEDED | FAILED;
 *   4. booking PENDING_PAYMENT → CONFIRMED (guarded). If the booking was paid by another attempt,
 *      or expired or was cancelled meanwhile, this attempt's charge is refunded (idempotently) and
 *      the attempt ends REFUNDED.
 * A crash after 1 is resumed by the retry of the key; one after 2 is also finished by the bookings
 * job, which asks the provider about a booking's open attempts before it expires the booking.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly attempts: PaymentAttemptsRepository,
    private readonly bookings: BookingsRepository,
    private readonly bookingService: BookingsService,
    private readonly provider: PaymentProvider,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  async pay(command: PayCommand, correlationId: string): Promise<PaymentOutcome> {
    const booking = await this.bookingService.get(command.bookingId);
    if (command.amount !== booking.amount) throw new AmountMismatchError(booking.amount, command.amount);

    const now = new Date();
    const earlier = await this.attempts.findByKey(command.idempotencyKey, now);
    if (earlier) {
      if (!earlier.isFor(command)) throw new IdempotencyKeyReusedError();
      // An attempt that never reached the provider must not charge a booking that is no longer payable.
      if (earlier.status === 'PROCESSING' && !(await this.provider.findCharge(earlier.providerKey))) {
        this.assertPayable(booking, now);
      }
      return this.resume(earlier, correlationId);
    }

    this.assertPayable(booking, now);
    const candidate = PaymentAttempt.start({ id: newId(), ...command, correlationId }, now);
    const { attempt, inserted } = await this.attempts.insertOrGetByKey(candidate);
    if (!attempt.isFor(command)) throw new IdempotencyKeyReusedError();
    if (!inserted) return this.resume(attempt, correlationId);
    this.metrics.paymentRequests.inc({ kind: 'new' });
    await this.audit.transition(attempt.id, this.entry(attempt, 'PAYMENT_INITIATED', null, 'PROCESSING', correlationId, { force: attempt.force }));
    return { ...(await this.advance(attempt, correlationId)), resumed: false };
  }

  ledger(bookingId: string): Promise<LedgerEntry[]> {
    return this.provider.ledger(bookingId);
  }

  /**
   * Before an unpaid booking is expired: applies any charge an abandoned request made for it (the
   * provider is asked), so money taken inside the payment window confirms the booking.
   */
  async settleOpenAttempts(bookingId: string, correlationId: string): Promise<void> {
    for (const attempt of await this.attempts.findOpenFor(bookingId)) {
      if (attempt.status === 'PROCESSING' && !(await this.provider.findCharge(attempt.providerKey))) continue;
      await this.advance(attempt, correlationId).catch((error: unknown) => {
        if (!(error instanceof BookingAlreadyPaidError || error instanceof BookingNotPayableError)) throw error;
      });
    }
  }

  /** A later request with the attempt's key carries on from where the earlier one stopped. */
  private async resume(attempt: PaymentAttempt, correlationId: string): Promise<PaymentOutcome> {
    this.metrics.paymentRequests.inc({ kind: 'resumed' });
    await this.audit.fact(
      this.entry(attempt, 'PAYMENT_RESUMED', attempt.status, attempt.status, correlationId, {
        isRetry: true,
        originalAttemptId: attempt.id,
        originalCorrelationId: attempt.correlationId,
      }),
    );
    return { ...(await this.advance(attempt, correlationId)), resumed: true };
  }

  /** Moves the attempt on from wherever it stands; every step is guarded, so it may run again. */
  private async advance(attempt: PaymentAttempt, correlationId: string): Promise<Omit<PaymentOutcome, 'resumed'>> {
    let current = attempt;
    if (current.status === 'PROCESSING') current = await this.charge(current, correlationId);
    if (current.status === 'SUCCEEDED') current = await this.applyToBooking(current, correlationId);

    const booking = await this.bookingService.get(current.bookingId);
    if (current.status === 'REFUNDED') {
      if (booking.status === 'CONFIRMED') throw new BookingAlreadyPaidError(booking.id);
      throw new BookingNotPayableError(booking.id, booking.status);
    }
    return { attempt: current, booking };
  }

  private async charge(attempt: PaymentAttempt, correlationId: string): Promise<PaymentAttempt> {
    let result;
    try {
      result = await this.provider.charge({
        key: attempt.providerKey,
        bookingId: attempt.bookingId,
        amount: attempt.amount,
        outcome: attempt.force,
      });
    } catch (error) {
      if (error instanceof DomainError) {
        await this.audit.fact(this.entry(attempt, 'PAYMENT_PROVIDER_ERROR', 'PROCESSING', 'PROCESSING', correlationId, { code: error.code }));
      }
      throw error;
    }
    const to = result.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
    const moved = (await this.attempts.transition(attempt.id, to, { chargeId: result.chargeId })) ?? (await this.attempts.findById(attempt.id));
    // Written whoever moved it: a crash between the move and its audit entry must not lose the entry.
    await this.audit.transition(
      attempt.id,
      this.entry(attempt, to === 'SUCCEEDED' ? 'PAYMENT_SUCCEEDED' : 'PAYMENT_FAILED', 'PROCESSING', to, correlationId, {
        chargeId: result.chargeId,
      }),
    );
    return moved ?? attempt;
  }

  private async applyToBooking(attempt: PaymentAttempt, correlationId: string): Promise<PaymentAttempt> {
    // No window check here: a charge exists only if the booking was payable when it was made.
    const confirmed = await this.bookings.transition(attempt.bookingId, 'PENDING_PAYMENT', 'CONFIRMED', {
      payment: { attemptId: attempt.id, chargeId: attempt.chargeId!, paidAt: new Date() },
    });
    const booking = confirmed ?? (await this.bookingService.get(attempt.bookingId));
    if (booking.payment?.attemptId !== attempt.id) return this.refund(attempt, correlationId);
    await this.bookingService.settle(booking, correlationId);
    return attempt;
  }

  /** The charge landed on a booking that can no longer take it: give the money back, once. */
  private async refund(attempt: PaymentAttempt, correlationId: string): Promise<PaymentAttempt> {
    const { refundId } = await this.provider.refund({
      key: `attempt:${attempt.id}`,
      bookingId: attempt.bookingId,
      chargeId: attempt.chargeId!,
      amount: attempt.amount,
    });
    const refunded = (await this.attempts.transition(attempt.id, 'REFUNDED')) ?? (await this.attempts.findById(attempt.id));
    await this.audit.transition(attempt.id, this.entry(attempt, 'PAYMENT_REFUNDED', 'SUCCEEDED', 'REFUNDED', correlationId, { refundId }));
    return refunded ?? attempt;
  }

  private assertPayable(booking: Booking, now: Date): void {
    if (booking.status === 'CONFIRMED') throw new BookingAlreadyPaidError(booking.id);
    if (!booking.isPayableAt(now)) {
      throw new BookingNotPayableError(booking.id, booking.isOverdueAt(now) ? 'EXPIRED' : booking.status);
    }
  }

  private entry(
    attempt: PaymentAttempt,
    action: string,
    fromState: string | null,
    toState: string,
    correlationId: string,
    metadata: Record<string, unknown>,
  ): NewAuditEntry {
    return {
      bookingId: attempt.bookingId,
      attemptId: attempt.id,
      action,
      fromState,
      toState,
      correlationId,
      metadata: { isRetry: false, attemptId: attempt.id, amount: attempt.amount, ...metadata },
    };
  }
}
