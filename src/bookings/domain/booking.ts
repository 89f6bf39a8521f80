import { StateMachine, expiryHolds, type Transition } from '../../common/state-machine';
import { auditTrail } from '../../audit/domain/audit-trail';
import type { SeatMove } from '../../events/domain/seat-move';
import type { SeatLock } from '../../locks/domain/seat-lock';
import { BookingNotCancellableError, LockNotConsumedError } from './booking-errors';
import { RefundPolicy, type RefundDecision } from './refund-policy';

export type BookingStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED';

export const BOOKING_STATES = new StateMachine<BookingStatus>('booking', {
  PENDING_PAYMENT: { from: [], audit: 'BOOKING_CREATED', final: false, holdsSeats: true },
  CONFIRMED: { from: ['PENDING_PAYMENT'], audit: 'BOOKING_CONFIRMED', final: false, holdsSeats: true },
  EXPIRED: { from: ['PENDING_PAYMENT'], audit: 'BOOKING_EXPIRED', final: true, returnsSeats: true },
  CANCELLED: { from: ['PENDING_PAYMENT', 'CONFIRMED'], audit: 'BOOKING_CANCELLED', final: true, returnsSeats: true },
});

/** A booking move its entity decided, with what it stores (domain/booking.ts methods). */
export type BookingTransition = Transition<BookingStatus, Partial<Pick<BookingProps, 'payment' | 'cancellation'>>>;

/** The refund is audited as an entity of its own (PENDING → REFUNDED), named after its booking. */
export const refundEntityOf = (bookingId: string): string => `${bookingId}:refund`;

export interface Payment {
  attemptId: string;
  chargeId: string;
  paidAt: Date;
}

/** NONE when nothing is owed; PENDING until the provider has moved the money; then REFUNDED. */
export const REFUND_STATUSES = ['NONE', 'PENDING', 'REFUNDED'] as const;

export interface Refund extends RefundDecision {
  status: (typeof REFUND_STATUSES)[number];
  providerRefundId?: string;
  refundedAt?: Date;
}

export interface Cancellation {
  cancelledAt: Date;
  reason?: string;
  refund: Refund;
}

export interface BookingProps {
  id: string;
  seatLockId: string;
  eventId: string;
  userId: string;
  seats: number;
  /** Minor units (cents). */
  amount: number;
  /** When the event starts, for the refund policy (copied from the lock, so cancelling reads no event). */
  startsAt: Date;
  status: BookingStatus;
  /** The state the last transition left, so whoever finishes it can audit it faithfully. */
  previousStatus?: BookingStatus;
  expiresAt: Date;
  createdAt: Date;
  payment?: Payment;
  cancellation?: Cancellation;
  /** The RETURN move that gives the seats back, fixed by the transition that ended the booking. */
  returnedBy?: string;
  /** RETURN moves the reconcile pass fenced out: the ending transition refuses them (seat-move.ts). */
  voidedReturns?: string[];
  /** The request that made the last transition, for its audit entry. */
  correlationId: string;
  /**
   * Whether the follow-up of the current state is done: its audit entry, and for CANCELLED the refund.
   * It is written after the answer; a crash leaves it false for the reconcile pass of the jobs.
   */
  settled: boolean;
  /** When its document was last written (the database stamps it); how long owed follow-up work has waited. */
  updatedAt?: Date;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface Booking extends Readonly<BookingProps> {}

export class Booking {
  private constructor(props: BookingProps) {
    Object.assign(this, props);
  }

  /**
   * The booking a consumed lock stands for. Everything is derived from the lock (its id was fixed when
   * the lock was consumed), so whoever creates it — the request, its retry, the reconcile pass —
   * creates the same document.
   */
  static fromConsumedLock(lock: SeatLock, paymentWindowSeconds: number): Booking {
    if (lock.status !== 'CONSUMED' || !lock.bookingId || !lock.consumedAt) throw new LockNotConsumedError(lock.id);
    return new Booking({
      id: lock.bookingId,
      seatLockId: lock.id,
      eventId: lock.eventId,
      userId: lock.userId,
      seats: lock.seats,
      amount: lock.price * lock.seats,
      startsAt: lock.startsAt,
      status: 'PENDING_PAYMENT',
      expiresAt: new Date(lock.consumedAt.getTime() + paymentWindowSeconds * 1000),
      createdAt: lock.consumedAt,
      correlationId: lock.correlationId,
      settled: false,
    });
  }

  static restore(props: BookingProps): Booking {
    return new Booking(props);
  }

  /** No transition leaves its state. */
  get final(): boolean {
    return BOOKING_STATES.rules[this.status].final;
  }

  /** PENDING_PAYMENT → CONFIRMED with the charge. No window guard: a charge exists only if the booking was payable when its attempt started. */
  static confirmation(payment: Payment): BookingTransition {
    return { from: 'PENDING_PAYMENT', to: 'CONFIRMED', changes: { payment } };
  }

  /** Paid and standing (CONFIRMED); a cancelled booking that was paid is over, not paid. */
  get isPaid(): boolean {
    return this.status === 'CONFIRMED';
  }

  /** A booking past its payment window is over even before the job has marked it EXPIRED. */
  isPayableAt(now: Date): boolean {
    return this.status === 'PENDING_PAYMENT' && expiryHolds(this.expiresAt, { notPassedAt: now });
  }

  isOverdueAt(now: Date): boolean {
    return this.status === 'PENDING_PAYMENT' && expiryHolds(this.expiresAt, { passedAt: now });
  }

  /**
   * Cancels now, with the refund decided at this instant; none for a booking cancelled already (a repeat
   * is answered as it stands). An unpaid booking must still be inside its payment window when the write
   * lands (the expiry job owns it after that).
   */
  cancel(now: Date, reason?: string): BookingTransition | undefined {
    if (this.status === 'CANCELLED') return undefined;
    this.assertCancellable(now);
    BOOKING_STATES.assertMove(this.status, 'CANCELLED');
    return {
      from: this.status,
      to: 'CANCELLED',
      changes: { cancellation: this.cancellationAt(now, reason) },
      ...(this.status === 'PENDING_PAYMENT' && { expiry: { notPassedAt: now } }),
    };
  }

  /** Expires an unpaid booking, only once its payment window has closed at `now`. */
  expire(now: Date): BookingTransition {
    BOOKING_STATES.assertMove(this.status, 'EXPIRED');
    return { from: this.status, to: 'EXPIRED', changes: {}, expiry: { passedAt: now } };
  }

  /** The booking as the owner of a seat move (events/domain/seat-move.ts). */
  get seatOwner(): Pick<SeatMove, 'ownerKind' | 'ownerId' | 'seats'> {
    return { ownerKind: 'booking', ownerId: this.id, seats: this.seats };
  }

  /** The facts its current state's audit entry records. */
  get auditFacts(): Record<string, unknown> {
    switch (this.status) {
      case 'PENDING_PAYMENT':
        return { amount: this.amount, seats: this.seats };
      case 'CONFIRMED':
        return { chargeId: this.payment?.chargeId };
      case 'CANCELLED':
        return { reason: this.cancellation?.reason, refund: this.cancellation?.refund };
      case 'EXPIRED':
        return {};
    }
  }

  /** Its refund was moved by the provider. */
  get refunded(): boolean {
    return this.cancellation?.refund.status === 'REFUNDED';
  }

  get owesRefund(): boolean {
    return this.cancellation?.refund.status === 'PENDING';
  }

  /**
   * The audit entries its state owes, each named by (entity, state) as the audit trail ids them: those of
   * the states that led here, and REFUND_ISSUED once the refund was moved. All are owed by this document
   * (`settled: false`) until written, so the reconcile pass finishes them after a crash.
   */
  get owedAudit(): { entityId: string; state: string }[] {
    const trail = auditTrail(BOOKING_STATES, this.status, this.previousStatus).map((state) => ({
      entityId: this.id,
      state: state,
    }));
    return this.refunded ? [...trail, { entityId: refundEntityOf(this.id), state: 'REFUNDED' }] : trail;
  }

  /** The booking once the provider has moved its pending refund. */
  refundIssued(providerRefundId: string, at: Date): Booking {
    if (!this.owesRefund) return this;
    const cancellation = this.cancellation!;
    return new Booking({
      ...this,
      cancellation: {
        ...cancellation,
        refund: { ...cancellation.refund, status: 'REFUNDED', providerRefundId, refundedAt: at },
      },
    });
  }

  /** What the booking keeps of the money paid for it: the books the consistency check holds it to. */
  get kept(): number {
    if (!this.payment) return 0;
    if (this.status === 'CANCELLED') return this.amount - (this.cancellation?.refund.amount ?? 0);
    return this.amount;
  }

  assertCancellable(now: Date): void {
    if (this.isPaid || this.status === 'CANCELLED' || this.isPayableAt(now)) return;
    throw new BookingNotCancellableError(this.id, this.isOverdueAt(now) ? 'EXPIRED' : this.status);
  }

  /** The cancellation this booking gets now: the refund follows what was actually paid, decided once. */
  cancellationAt(now: Date, reason?: string): Cancellation {
    const decision = RefundPolicy.decide({
      paidAmount: this.payment ? this.amount : 0,
      startsAt: this.startsAt,
      cancelledAt: now,
    });
    return { cancelledAt: now, reason, refund: { ...decision, status: decision.amount > 0 ? 'PENDING' : 'NONE' } };
  }
}
