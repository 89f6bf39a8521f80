import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { BookingsService } from '../bookings/bookings.service';
import type { Booking } from '../bookings/domain/booking';
import { BookingRefundOwed } from '../bookings/domain/booking-refund-owed.event';
import { Clock } from '../common/clock';
import { DomainError, RequestMismatchError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { MetricsService } from '../metrics/metrics.service';
import { movedMoney, type ChargeResult } from './domain/charge-result';
import { ATTEMPT_STATES, PaymentAttempt, type AttemptStatus, type AttemptTransition } from './domain/payment-attempt';
import type { RequestedOutcome } from './domain/requested-outcome';
import {
  AmountMismatchError,
  PaymentInProgressError,
  chargeNotTaken,
  notPayable,
  slotTaken,
} from './domain/payment-errors';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentProvider, ProviderUnavailableError, type LedgerEntry } from './provider/payment-provider';

export interface PayCommand {
  bookingId: string;
  amount: number;
  force: RequestedOutcome;
  idempotencyKey: string;
}

export interface PaymentOutcome {
  attempt: PaymentAttempt;
  booking: Booking;
  /** True when this request continued an attempt an earlier request with the same key had started. */
  resumed: boolean;
}

/**
 * Payments, and the only writer of attempts and of money. An attempt is a resumable state machine keyed
 * by its booking and the request's idempotency key:
 *   1. insert the attempt PROCESSING (unique per booking and key) — a retry finds and resumes it; the
 *      insert also takes the booking's one payment slot (keepsPaymentSlot), so another key's attempt
 *      answers 409 PAYMENT.IN_PROGRESS (or BOOKING.ALREADY_PAID once one succeeded) before any money moves;
 *   2. charge through the provider under the attempt's provider key — money moves at most once, and a
 *      retry after a lost answer (timeout) gets the earlier charge back;
 *   3. apply it: booking PENDING_PAYMENT → CONFIRMED (guarded, through BookingsService);
 *   4. attempt → SUCCEEDED; or, if the booking could not take the charge (paid by another attempt,
 *      expired or cancelled meanwhile), refund it and → REFUNDED. A declined charge → FAILED.
 * Every charge ends applied or refunded: a request that dies between 1 and 4 leaves its attempt
 * PROCESSING, and `settleOpenAttempts` (run by the jobs, also before they expire a booking) asks
 * the provider about it, voids a key that never charged, and finishes the rest exactly as the request would.
 */
@Injectable()
export class PaymentsService {
  private readonly settledWriter: BatchWriter<{ id: string; status: AttemptStatus }> = {
    phase: 2,
    writeBatch: (attempts) => this.attempts.markSettled(attempts),
  };

  constructor(
    private readonly attempts: PaymentAttemptsRepository,
    private readonly bookings: BookingsService,
    private readonly provider: PaymentProvider,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpQueue,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {}

  /** Only the booking's owner pays it. */
  async pay(command: PayCommand, correlationId: string, actor: Principal): Promise<PaymentOutcome> {
    const booking = await this.bookings.get(command.bookingId, actor);
    actor.assertMayChange(booking.userId);
    if (command.amount !== booking.amount) throw new AmountMismatchError(booking.amount, command.amount);

    const now = this.clock.now();
    if (!booking.isPayableAt(now)) {
      // A retry of an attempt that already charged finishes it, whatever became of the booking.
      const earlier = await this.attempts.findByKey(command.bookingId, command.idempotencyKey);
      if (earlier) return this.resume(earlier, command, booking, correlationId);
      throw notPayable(booking, now);
    }
    const stored = await this.attempts.insertOrGet(
      PaymentAttempt.start({ id: newId(), ...command, correlationId }, now),
    );
    if ('busyWith' in stored) throw slotTaken(stored.busyWith);
    const { attempt, inserted } = stored;
    if (!inserted) return this.resume(attempt, command, booking, correlationId);
    this.metrics.paymentRequests.inc({ kind: 'new' });
    this.settleLater(attempt);
    return { ...(await this.advance(attempt, booking, correlationId)), resumed: false };
  }

  /**
   * The booking's ledger, for whoever may see the booking. A customer's read is checked against the booking,
   * so someone else's and an unknown one are both 404; whoever sees everything reads the ledger as it
   * stands (an unknown booking's is empty), as before identity existed.
   */
  async ledger(bookingId: string, limit: number, actor: Principal): Promise<LedgerEntry[]> {
    if (!actor.seesEverything) await this.bookings.get(bookingId, actor);
    // A cancellation's refund is moved right after its answer; this instance's is written before the read.
    await this.followUps.drain();
    return this.provider.ledger(bookingId, limit);
  }

  /** Deletes a batch of finished attempts past their retention (where no TTL index does it). */
  purgeFinished(now: Date, limit: number): Promise<number> {
    return this.attempts.purgeExpired(now, limit);
  }

  /** Every booking's money at the provider: charges that moved money less refunds. */
  moneyByBooking(): Promise<Map<string, number>> {
    return this.provider.netByBooking();
  }

  /** A cancellation's refund moves right after its answer (BookingRefundOwed). */
  @OnEvent(BookingRefundOwed.name)
  refundLater({ booking }: BookingRefundOwed): void {
    this.followUps.task(() => this.refund(booking));
  }

  /** A cancelled booking's refund, keyed by the booking so it moves once, whoever asks and however often. */
  private async refund(booking: Booking): Promise<void> {
    const { refundId } = await this.provider.refund({
      key: `booking:${booking.id}`,
      bookingId: booking.id,
      chargeId: booking.payment!.chargeId,
      amount: booking.cancellation!.refund.amount,
    });
    await this.bookings.recordRefund(booking, refundId);
  }

  /**
   * Finishes, in one pass, the attempts nobody will come back for: PROCESSING ones started before `before`,
   * PROCESSING ones of a booking whose payment window had closed by `now` (the job is about to expire it,
   * and money taken in time must confirm it first), and ones whose audit entry is still owed. One query
   * for the whole run rather than one per expiring booking: on an engine without usable secondary
   * indexes each of those was a scan of every attempt. Returns how many it moved.
   */
  async settleOpenAttempts(
    cutoff: { before: Date; now: Date },
    batchSize: number,
    correlationId: string,
  ): Promise<number> {
    let moved = 0;
    for await (const attempt of this.attempts.streamOpen(cutoff.before, batchSize)) {
      if (!attempt.isOpen) {
        this.settleLater(attempt);
        continue;
      }
      const booking = await this.bookings.get(attempt.bookingId);
      // A recent attempt whose booking is not due yet belongs to the request still running it.
      if (attempt.createdAt.getTime() >= cutoff.before.getTime() && !booking.isOverdueAt(cutoff.now)) continue;
      // Closing the key first means no request that wakes up later can still charge under it.
      const charge =
        (await this.provider.findCharge(attempt.providerKey)) ??
        (await this.provider.voidUnlessCharged(this.chargeRequest(attempt)));
      await this.finish(attempt, charge, booking, correlationId);
      moved += 1;
    }
    await this.followUps.drain();
    return moved;
  }

  /** A later request with the attempt's key carries on from where the earlier one stopped. */
  private async resume(
    attempt: PaymentAttempt,
    command: PayCommand,
    booking: Booking,
    correlationId: string,
  ): Promise<PaymentOutcome> {
    if (!attempt.isFor(command)) throw new RequestMismatchError('payment attempt');
    this.metrics.paymentRequests.inc({ kind: 'resumed' });
    const now = this.clock.now();
    if (attempt.isOpen && !booking.isPayableAt(now) && !(await this.provider.findCharge(attempt.providerKey))) {
      // Never charge a booking that can no longer be paid; the jobs close this attempt's key.
      throw notPayable(booking, now);
    }
    // An attempt the provider refused gave up the booking's slot; it may charge only once it holds it again.
    if (attempt.isOpen && !attempt.holdsPaymentSlot && !(await this.attempts.holdSlot(attempt, true))) {
      throw new PaymentInProgressError(attempt.bookingId);
    }
    return { ...(await this.advance(attempt, booking, correlationId)), resumed: true };
  }

  /** Moves the attempt on from wherever it stands; every step is guarded, so it may run again. */
  private async advance(
    attempt: PaymentAttempt,
    booking: Booking,
    correlationId: string,
  ): Promise<Omit<PaymentOutcome, 'resumed'>> {
    const outcome = attempt.isOpen
      ? await this.finish(attempt, await this.charge(attempt, correlationId), booking, correlationId)
      : { attempt, booking };
    if (outcome.attempt.wasRefunded) throw chargeNotTaken(outcome.booking);
    return outcome;
  }

  private async charge(attempt: PaymentAttempt, correlationId: string): Promise<ChargeResult> {
    try {
      return await this.provider.charge({ ...this.chargeRequest(attempt), outcome: attempt.force });
    } catch (error) {
      // Nothing was charged and this request is done with the attempt: another key may pay meanwhile.
      if (error instanceof ProviderUnavailableError) await this.attempts.holdSlot(attempt, false);
      if (error instanceof DomainError) {
        this.audit.factLater({
          bookingId: attempt.bookingId,
          attemptId: attempt.id,
          action: 'PAYMENT_PROVIDER_ERROR',
          // The attempt stays where it stands (PROCESSING): the provider moved nothing.
          fromState: attempt.status,
          toState: attempt.status,
          correlationId,
          metadata: { attemptId: attempt.id, amount: attempt.amount, code: error.code },
        });
      }
      throw error;
    }
  }

  /**
   * The provider has answered for this attempt: apply the charge, or give it back, or record the decline.
   * Returns the attempt and the booking as they now stand.
   */
  private async finish(
    attempt: PaymentAttempt,
    charge: ChargeResult,
    booking: Booking,
    correlationId: string,
  ): Promise<Omit<PaymentOutcome, 'resumed'>> {
    if (!movedMoney(charge)) {
      return { attempt: await this.move(attempt, attempt.fail(charge, this.clock.now()), correlationId), booking };
    }
    const payment = { attemptId: attempt.id, chargeId: charge.chargeId, paidAt: this.clock.now() };
    const confirmed = await this.bookings.confirmPayment(attempt.bookingId, payment, correlationId);
    // A retry finds the charge it made applied already (the same charge, even under a newer attempt after the
    // old one's records expired): that is success, never a second refund.
    const current =
      confirmed ??
      (booking.payment?.chargeId === charge.chargeId ? booking : await this.bookings.get(attempt.bookingId));
    if (current.payment?.chargeId === charge.chargeId) {
      return {
        attempt: await this.move(attempt, attempt.succeed(charge, this.clock.now()), correlationId),
        booking: current,
      };
    }
    const { refundId } = await this.provider.refund({
      key: attempt.refundKey,
      bookingId: attempt.bookingId,
      chargeId: charge.chargeId,
      amount: attempt.amount,
    });
    return {
      attempt: await this.move(attempt, attempt.refund(charge, refundId, this.clock.now()), correlationId),
      booking: current,
    };
  }

  /** Persists the move the attempt decided, guarded by the state it was read in. */
  private async move(
    attempt: PaymentAttempt,
    transition: AttemptTransition,
    correlationId: string,
  ): Promise<PaymentAttempt> {
    const moved = await this.attempts.transition(attempt, transition, { correlationId });
    if (moved) {
      this.settleLater(moved);
      return moved;
    }
    // Another caller finished it first; its answer is the answer.
    return (await this.attempts.findById(attempt.id)) ?? attempt;
  }

  private settleLater(attempt: PaymentAttempt): void {
    this.audit.trailLater(ATTEMPT_STATES, attempt, {
      bookingId: attempt.bookingId,
      attemptId: attempt.id,
      metadata: {
        attemptId: attempt.id,
        amount: attempt.amount,
        force: attempt.force,
        ...(attempt.chargeId && { chargeId: attempt.chargeId }),
        ...(attempt.refundId && { refundId: attempt.refundId }),
        ...(attempt.failure && { failure: attempt.failure }),
      },
    });
    this.followUps.add(this.settledWriter, { id: attempt.id, status: attempt.status });
  }

  private chargeRequest(attempt: PaymentAttempt): { key: string; bookingId: string; amount: number } {
    return { key: attempt.providerKey, bookingId: attempt.bookingId, amount: attempt.amount };
  }
}
