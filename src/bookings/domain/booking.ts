import { ConflictError } from '../../common/errors/domain-error';
import { Transitions } from '../../common/transitions';
import type { SeatLock } from '../../locks/domain/seat-lock';
import type { RefundDecision } from './refund-policy';

export type BookingStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED';

const TRANSITIONS = new Transitions<BookingStatus>({
  PENDING_PAYMENT: ['CONFIRMED', 'EXPIRED', 'CANCELLED'],
  CONFIRMED: ['CANCELLED'],
  EXPIRED: [],
  CANCELLED: [],
});

export interface Payment {
  attemptId: string;
  chargeId: string;
  paidAt: Date;
}

export interface Refund extends RefundDecision {
  /** NONE when nothing is owed; PENDING until the provider has moved the money; then REFUNDED. */
  status: 'NONE' | 'PENDING' | 'REFUNDED';
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
  status: BookingStatus;
  /** The state the last transition left, so whoever finishes it can audit it faithfully. */
  previousStatus?: BookingStatus;
  expiresAt: Date;
  createdAt: Date;
  payment?: Payment;
  cancellation?: Cancellation;
  /**
   * Whether the follow-up of the current state is done: its audit entry, and for CANCELLED the refund
   * and the seat release, for EXPIRED the seat release. A crash leaves it false for the retry or the
   * reconcile pass.
   */
  settled: boolean;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface Booking extends Readonly<BookingProps> {}

export class Booking {
  static readonly transitions = TRANSITIONS;

  private constructor(props: BookingProps) {
    Object.assign(this, props);
  }

  /**
   * The booking a consumed lock stands for. Everything is derived from the lock (its id was fixed when
   * the lock was consumed), so whoever creates it — the request, its retry, the reconcile pass —
   * creates the same document.
   */
  static fromConsumedLock(lock: SeatLock, seatPrice: number, paymentWindowSeconds: number): Booking {
    if (lock.status !== 'CONSUMED' || !lock.bookingId || !lock.consumedAt) {
      throw new Error(`lock ${lock.id} is not consumed`);
    }
    return new Booking({
      id: lock.bookingId,
      seatLockId: lock.id,
      eventId: lock.eventId,
      userId: lock.userId,
      seats: lock.seats,
      amount: seatPrice * lock.seats,
      status: 'PENDING_PAYMENT',
      expiresAt: new Date(lock.consumedAt.getTime() + paymentWindowSeconds * 1000),
      createdAt: lock.consumedAt,
      settled: true,
    });
  }

  static restore(props: BookingProps): Booking {
    return new Booking(props);
  }

  /** A booking past its payment window is over even before the job has marked it EXPIRED. */
  isPayableAt(now: Date): boolean {
    return this.status === 'PENDING_PAYMENT' && this.expiresAt.getTime() > now.getTime();
  }

  isOverdueAt(now: Date): boolean {
    return this.status === 'PENDING_PAYMENT' && this.expiresAt.getTime() <= now.getTime();
  }

  /** Whether the booking no longer holds seats: they go back to the event. */
  get endedWithoutSeats(): boolean {
    return this.status === 'CANCELLED' || this.status === 'EXPIRED';
  }

  get owesRefund(): boolean {
    return this.cancellation?.refund.status === 'PENDING';
  }

  assertCancellable(now: Date): void {
    if (this.status === 'CONFIRMED' || this.status === 'CANCELLED' || this.isPayableAt(now)) return;
    throw new ConflictError('BOOKING.NOT_CANCELLABLE', `Booking ${this.id} is EXPIRED and cannot be cancelled`);
  }

  /** The cancellation this booking would get now: the refund follows what was actually paid. */
  cancellationAt(now: Date, decision: RefundDecision, reason?: string): Cancellation {
    return {
      cancelledAt: now,
      reason,
      refund: { ...decision, status: decision.amount > 0 ? 'PENDING' : 'NONE' },
    };
  }
}
