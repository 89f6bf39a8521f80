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

export class PaymentAttempt {
  static readonly transitions = TRANSITIONS;

  private constructor(private readonly props: PaymentAttemptProps) {}

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

  get id(): string {
    return this.props.id;
  }
  get idempotencyKey(): string {
    return this.props.idempotencyKey;
  }
  get bookingId(): string {
    return this.props.bookingId;
  }
  get amount(): number {
    return this.props.amount;
  }
  get force(): ForcedOutcome {
    return this.props.force;
  }
  get status(): AttemptStatus {
    return this.props.status;
  }
  get chargeId(): string | undefined {
    return this.props.chargeId;
  }
  get correlationId(): string {
    return this.props.correlationId;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get expiresAt(): Date {
    return this.props.expiresAt;
  }

  /** The provider-side key: the money for this attempt moves at most once, whoever retries. */
  get providerKey(): string {
    return `payment:${this.idempotencyKey}`;
  }

  isFor(request: { bookingId: string; amount: number; force: ForcedOutcome }): boolean {
    return this.bookingId === request.bookingId && this.amount === request.amount && this.force === request.force;
  }
}
