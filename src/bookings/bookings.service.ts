import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import type { NewAuditEntry } from '../audit/domain/audit-entry';
import { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { returnVerdict, type OwnerVerdict, type SeatMove } from '../events/domain/seat-move';
import { EventsService } from '../events/events.service';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import type { SeatLock } from '../locks/domain/seat-lock';
import { LocksService } from '../locks/locks.service';
import { BookingsRepository } from './bookings.repository';
import { BookingRefundOwed } from './domain/booking-refund-owed.event';
import {
  BOOKING_STATES,
  Booking,
  refundEntityOf,
  type BookingStatus,
  type BookingTransition,
  type Payment,
} from './domain/booking';

/**
 * Bookings, and the only writer of them. Confirming a lock is: ACTIVE → CONSUMED with the booking's id
 * fixed in that same update (one winner, through LocksService), then the booking inserted from the lock
 * (unique per lock). After the first step every caller — the winner, a twin, the reconcile pass — runs
 * the same idempotent completion, so a crash can delay the booking but never lose or double it.
 *
 * Ending a booking (cancelled, expired) is `end`, read top to bottom: the RETURN of
 * events/domain/seat-move.ts (marker, the guarded transition recording the move and for a cancellation
 * the refund decided at that instant, seats back), then its follow-ups queued. Those run after the answer:
 * the audit entries and `settled` (audit/), and a refund owed, which payments moves on BookingRefundOwed
 * and reports back through `recordRefund`. The reconcile pass finishes them after a crash.
 */
@Injectable()
export class BookingsService {
  private readonly settledWriter: BatchWriter<{ id: string; status: BookingStatus }> = {
    phase: 2,
    writeBatch: (bookings) => this.bookings.markSettled(bookings),
  };

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly locks: LocksService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpQueue,
    private readonly domainEvents: EventEmitter2,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The booking for the lock, owned by the lock's owner; `created` only for the caller whose confirmation
   * consumed the lock. Only the owner may confirm it (the guarded update names them).
   */
  async confirm(
    seatLockId: string,
    correlationId: string,
    actor: Principal,
  ): Promise<{ booking: Booking; created: boolean }> {
    const now = this.clock.now();
    const consumed = await this.locks.consume(seatLockId, newId(now.getTime()), now, correlationId, actor);
    if (consumed) return { booking: await this.completeConsumption(consumed), created: true };

    const lock = await this.locks.get(seatLockId, actor);
    actor.assertMayChange(lock.userId);
    const booking = await this.bookings.findById(lock.consumedBy(now));
    if (!booking) return { booking: await this.completeConsumption(lock), created: false };
    // A repeat finishes what a crash may have left owed (every follow-up is idempotent).
    this.settleLater(booking);
    this.locks.settleLater(lock);
    return { booking, created: false };
  }

  /** Everything owed once a lock is CONSUMED; safe to run any number of times, from anywhere. */
  async completeConsumption(lock: SeatLock): Promise<Booking> {
    const { booking, inserted } = await this.bookings.insertOrGet(
      Booking.fromConsumedLock(lock, this.config.BOOKING_TTL_SECONDS),
    );
    if (inserted) this.settleLater(booking);
    this.locks.settleLater(lock);
    return booking;
  }

  /**
   * Someone else's booking is unknown to `actor` (no existence oracle), unless `actor` may read everything.
   * The service's own work (payments settling attempts, the jobs) reads as Principal.OPEN.
   */
  async get(id: string, actor = Principal.OPEN): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking || !actor.maySee(booking.userId)) throw new NotFoundError('Booking', id);
    return booking;
  }

  /** Cancels with the refund decided now; cancelling a CANCELLED booking answers the same. */
  async cancel(id: string, reason: string | undefined, correlationId: string, actor: Principal): Promise<Booking> {
    for (;;) {
      const booking = await this.get(id, actor);
      actor.assertMayChange(booking.userId);
      // A repeat finishes what a crash left of the ending; an overdue booking is left to the expiry job,
      // which first applies any charge made in time.
      const cancelled = await this.end(booking, booking.cancel(this.clock.now(), reason), correlationId);
      // Lost the race (paid, expired, cancelled or its move fenced meanwhile): decide again from the new state.
      if (cancelled) return cancelled;
    }
  }

  /** Expires an unpaid booking whose payment window has closed. True when this call made the move. */
  async expire(booking: Booking, correlationId: string): Promise<boolean> {
    return (await this.end(booking, booking.expire(this.clock.now()), correlationId)) !== undefined;
  }

  /**
   * PENDING_PAYMENT → CONFIRMED with the payment; undefined when the booking can no longer take it. No
   * window check: a charge exists only if the booking was payable when the attempt started.
   */
  async confirmPayment(bookingId: string, payment: Payment, correlationId: string): Promise<Booking | undefined> {
    const confirmed = await this.bookings.transition(bookingId, Booking.confirmation(payment), { correlationId });
    if (confirmed) this.settleLater(confirmed);
    return confirmed;
  }

  /**
   * Queues what the booking's last transition still owes: its audit entries, the refund, then `settled`.
   * A refund owed goes to payments (BookingRefundOwed), which moves it and calls `recordRefund`.
   */
  settleLater(booking: Booking): void {
    if (booking.settled) return;
    const details = auditDetailsOf(booking);
    const refunded = booking.refunded ? refundIssuedEntry(booking) : undefined;
    this.audit.trailLater(BOOKING_STATES, booking, details, refunded);
    if (booking.owesRefund) {
      this.domainEvents.emit(BookingRefundOwed.name, new BookingRefundOwed(booking));
      return;
    }
    this.followUps.add(this.settledWriter, { id: booking.id, status: booking.status });
  }

  /** Payments moved the booking's pending refund: recorded, then REFUND_ISSUED, then `settled`. */
  async recordRefund(booking: Booking, providerRefundId: string): Promise<void> {
    const refunded = booking.refundIssued(providerRefundId, this.clock.now());
    await this.bookings.markRefunded(booking.id, providerRefundId, refunded.cancellation!.refund.refundedAt!);
    // The booking stays unsettled until this entry is written: a crash from here on leaves it to the reconcile pass.
    const { entityId, entry } = refundIssuedEntry(refunded);
    this.audit.transitionLater(entityId, entry);
    this.followUps.add(this.settledWriter, { id: booking.id, status: booking.status });
  }

  overdue(now: Date, batchSize: number): AsyncIterable<Booking> {
    return this.bookings.streamOverdue(now, batchSize);
  }

  unsettled(before: Date, batchSize: number): AsyncIterable<Booking> {
    return this.bookings.streamUnsettled(before, batchSize);
  }

  all(): Promise<Booking[]> {
    return this.bookings.findAll();
  }

  /** Whether a stale RETURN of this booking's seats counts (seat-move.ts). */
  async verdictOn(move: SeatMove): Promise<OwnerVerdict> {
    return returnVerdict(move, await this.bookings.findById(move.ownerId));
  }

  /** The fence of a stale RETURN this booking never recorded: its ending can no longer record it. */
  voidReturn(move: SeatMove): Promise<void> {
    return this.bookings.voidReturn(move.ownerId, move.id);
  }

  /**
   * The ending, read top to bottom: the RETURN of events/domain/seat-move.ts — marker, the transition
   * recording it, seats back — then the follow-ups. Without `ending` (a repeat of an ending), it finishes
   * what a crash left of the RETURN and re-queues what the booking still owes. Undefined when the
   * transition lost to another caller.
   */
  private async end(
    booking: Booking,
    ending: BookingTransition | undefined,
    correlationId: string,
  ): Promise<Booking | undefined> {
    let ended: Booking | undefined = booking;
    let move: SeatMove | undefined;
    if (ending) {
      move = await this.events.markReturn(booking.eventId, booking.seatOwner);
      ended = await this.bookings.transition(booking.id, ending, { correlationId, returnedBy: move.id });
    }
    await this.events.completeReturn(booking.eventId, ended, move);
    if (ended) this.settleLater(ended);
    return ended;
  }
}

/** What the booking's audit entries carry besides their state: its ids, and the facts of the state it reached. */
function auditDetailsOf(
  booking: Booking,
): Pick<NewAuditEntry, 'eventId' | 'lockId' | 'bookingId' | 'attemptId' | 'metadata'> {
  return {
    bookingId: booking.id,
    lockId: booking.seatLockId,
    eventId: booking.eventId,
    attemptId: booking.payment?.attemptId,
    metadata: booking.auditFacts,
  };
}

/** The refund is audited as an entity of its own (PENDING → REFUNDED) once the provider moved it. */
function refundIssuedEntry(booking: Booking): { entityId: string; entry: NewAuditEntry } {
  const { amount, policy, providerRefundId } = booking.cancellation!.refund;
  return {
    entityId: refundEntityOf(booking.id),
    entry: {
      bookingId: booking.id,
      eventId: booking.eventId,
      action: 'REFUND_ISSUED',
      fromState: 'PENDING',
      toState: 'REFUNDED',
      correlationId: booking.correlationId,
      metadata: { amount, policy, refundId: providerRefundId },
    },
  };
}
