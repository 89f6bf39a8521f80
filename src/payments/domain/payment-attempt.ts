import { StateMachine, type Transition } from '../../common/state-machine';
import type { ChargeResult } from './charge-result';
import type { RequestedOutcome } from './requested-outcome';

/**
 * PROCESSING until the money question is settled: SUCCEEDED (charged and applied to its booking), FAILED
 * (declined, or abandoned before any charge and voided at the provider), REFUNDED (charged, but the
 * booking could no longer take it: paid by another attempt, expired or cancelled meanwhile).
 */
export type AttemptStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

export const ATTEMPT_STATES = new StateMachine<AttemptStatus>('payment attempt', {
  PROCESSING: { from: [], audit: 'PAYMENT_INITIATED', final: false },
  SUCCEEDED: { from: ['PROCESSING'], audit: 'PAYMENT_SUCCEEDED', final: true },
  FAILED: { from: ['PROCESSING'], audit: 'PAYMENT_FAILED', final: true },
  REFUNDED: { from: ['PROCESSING'], audit: 'PAYMENT_REFUNDED', final: true },
});

/**
 * One payment at a time per booking: an attempt holds its booking's payment slot from its start while it
 * may still move money, and keeps it once SUCCEEDED (the booking is paid; nothing else may charge it).
 * FAILED and REFUNDED give it up. A second attempt with another key finds the slot taken before any money
 * moves. The slot is a unique key on the attempt documents, so one insert decides across instances.
 */
export function keepsPaymentSlot(status: AttemptStatus): boolean {
  return status === 'PROCESSING' || status === 'SUCCEEDED';
}

/** How long a finished attempt is kept; an open one is kept until its money question is settled. */
export const PAYMENT_ATTEMPT_RETENTION_MS = 24 * 3_600_000;

export interface PaymentAttemptProps {
  id: string;
  idempotencyKey: string;
  bookingId: string;
  amount: number;
  force: RequestedOutcome;
  status: AttemptStatus;
  previousStatus?: AttemptStatus;
  chargeId?: string;
  refundId?: string;
  /** Why a FAILED attempt failed: DECLINED by the provider, or ABANDONED before any charge. */
  failure?: 'DECLINED' | 'ABANDONED';
  /** The request that made the last transition, for its audit entry. */
  correlationId: string;
  createdAt: Date;
  /** Set when the attempt ends; open attempts are never purged. */
  purgeAt?: Date;
  /** Whether the audit entry of the current state is written; the reconcile pass writes it after a crash. */
  settled: boolean;
  /**
   * Whether it holds its booking's payment slot (keepsPaymentSlot). A PROCESSING attempt the provider
   * refused before charging gives the slot up until a retry of its key takes it again, so a failed
   * request never blocks another key.
   */
  holdsPaymentSlot: boolean;
}

/** How the provider's answer ends an attempt. */
type AttemptOutcome =
  | { status: 'SUCCEEDED'; chargeId: string }
  | { status: 'FAILED'; chargeId: string; failure: 'DECLINED' | 'ABANDONED' }
  | { status: 'REFUNDED'; chargeId: string; refundId: string };

/** An attempt's move as the entity decided it: what it stores, the slot it keeps or gives up included. */
export type AttemptTransition = Transition<
  AttemptStatus,
  Partial<Pick<PaymentAttemptProps, 'chargeId' | 'refundId' | 'failure' | 'purgeAt'>> & { holdsPaymentSlot: boolean }
>;

/** Read-only view of the props; behaviour lives in the methods below. */
export interface PaymentAttempt extends Readonly<PaymentAttemptProps> {}

export class PaymentAttempt {
  private constructor(props: PaymentAttemptProps) {
    Object.assign(this, props);
  }

  static start(
    input: {
      id: string;
      idempotencyKey: string;
      bookingId: string;
      amount: number;
      force: RequestedOutcome;
      correlationId: string;
    },
    now: Date,
  ): PaymentAttempt {
    return new PaymentAttempt({
      ...input,
      status: 'PROCESSING',
      createdAt: now,
      settled: false,
      holdsPaymentSlot: true,
    });
  }

  static restore(props: PaymentAttemptProps): PaymentAttempt {
    return new PaymentAttempt(props);
  }

  /**
   * The provider-side key: scoped by booking, so two clients who pick the same key (once the first one's
   * records have expired) can never be handed each other's charge; the money for one attempt moves once.
   */
  get providerKey(): string {
    return `payment:${this.bookingId}:${this.idempotencyKey}`;
  }

  /** The provider key under which a charge that its booking cannot take is given back. */
  get refundKey(): string {
    return `attempt:${this.id}`;
  }

  /** PROCESSING until the money question is settled: the provider's answer still has to be had or applied. */
  get isOpen(): boolean {
    return !ATTEMPT_STATES.rules[this.status].final;
  }

  /** Charged and applied: its booking is paid. */
  get hasSucceeded(): boolean {
    return this.status === 'SUCCEEDED';
  }

  /** Charged, but its booking could not take the charge, so it was given back. */
  get wasRefunded(): boolean {
    return this.status === 'REFUNDED';
  }

  /** → SUCCEEDED: its booking took the charge. */
  succeed(charge: ChargeResult, now: Date): AttemptTransition {
    return this.finish({ status: 'SUCCEEDED', chargeId: charge.chargeId }, now);
  }

  /**
   * → FAILED, for a provider answer that moved no money (see movedMoney): ABANDONED when the key was
   * voided before any charge, DECLINED when the provider refused it.
   */
  fail(charge: ChargeResult, now: Date): AttemptTransition {
    const failure = charge.status === 'VOIDED' ? 'ABANDONED' : 'DECLINED';
    return this.finish({ status: 'FAILED', chargeId: charge.chargeId, failure }, now);
  }

  /** → REFUNDED: its booking could not take the charge, which `refundId` gave back. */
  refund(charge: ChargeResult, refundId: string, now: Date): AttemptTransition {
    return this.finish({ status: 'REFUNDED', chargeId: charge.chargeId, refundId }, now);
  }

  /** PROCESSING → the outcome's state, kept for the retention period from `now`; the slot as the state says. */
  private finish(outcome: AttemptOutcome, now: Date): AttemptTransition {
    ATTEMPT_STATES.assertMove(this.status, outcome.status);
    const { status, ...changes } = outcome;
    return {
      from: this.status,
      to: status,
      changes: {
        ...changes,
        purgeAt: new Date(now.getTime() + PAYMENT_ATTEMPT_RETENTION_MS),
        holdsPaymentSlot: keepsPaymentSlot(status),
      },
    };
  }

  isFor(request: { bookingId: string; amount: number; force: RequestedOutcome }): boolean {
    return this.bookingId === request.bookingId && this.amount === request.amount && this.force === request.force;
  }
}
