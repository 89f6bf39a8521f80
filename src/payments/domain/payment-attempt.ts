import { Transitions } from '../../common/transitions';
import type { ForcedOutcome } from '../provider/payment-provider';

/**
 * PROCESSING until the provider has answered; SUCCEEDED or FAILED (declined) are final answers;
 * REFUNDED when a charge could not be applied to its booking (paid by another attempt, expired or
 * cancelled meanwhile) and was given back.
 */
export type AttemptStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

const TRANSITIONS = new Transitions<AttemptStatus>({
  PROCESSING: ['SUCCEEDED', 'FAILED'],
  SUCCEEDED: ['REFUNDED'],
  FAILED: [],
  REFUNDED: [],
});

export const PAYMENT_ATTEMPT_RETENTION_MS = 24 * 3_600_000;

export interface PaymentAttemptProps {
  id: string;
  idempotencyKey: string;
  bookingId: string;
  amount: number;
  force: ForcedOutcome;
  status: AttemptStatus;
  chargeId?: string;
  /** The request that started the attempt, so a later request resuming it can point back to it. */
  correlationId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface PaymentAttempt extends Readonly<PaymentAttemptProps> {}

export class PaymentAttempt {
  static readonly transitions = TRANSITIONS;

  private constructor(props: PaymentAttemptProps) {
    Object.assign(this, props);
  }

  static start(
    input: { id: string; idempotencyKey: string; bookingId: string; amount: number; force: ForcedOutcome; correlationId: string },
    now: Date,
  ) {
    return new PaymentAttempt({
      ...input,
      status: 'PROCESSING',
      createdAt: now,
      expiresAt: new Date(now.getTime() + PAYMENT_ATTEMPT_RETENTION_MS),
    });
  }

  static restore(props: PaymentAttemptProps): PaymentAttempt {
    return new PaymentAttempt(props);
  }

  /** The provider-side key: the money for this attempt moves at most once, whoever retries. */
  get providerKey(): string {
    return `payment:${this.idempotencyKey}`;
  }

  isFor(request: { bookingId: string; amount: number; force: ForcedOutcome }): boolean {
    return this.bookingId === request.bookingId && this.amount === request.amount && this.force === request.force;
  }
}
