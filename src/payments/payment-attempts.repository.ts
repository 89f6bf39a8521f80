import type { AttemptStatus, PaymentAttempt, PaymentAttemptProps } from './domain/payment-attempt';

export type AttemptChanges = Partial<Pick<PaymentAttemptProps, 'chargeId' | 'refundId' | 'failure' | 'purgeAt'>> & {
  correlationId: string;
};

export abstract class PaymentAttemptsRepository {
  /** Stores the attempt, or returns the one already stored for its booking and key. */
  abstract insertOrGet(attempt: PaymentAttempt): Promise<{ attempt: PaymentAttempt; inserted: boolean }>;
  abstract findByKey(bookingId: string, idempotencyKey: string): Promise<PaymentAttempt | undefined>;
  abstract findById(id: string): Promise<PaymentAttempt | undefined>;
  /** PROCESSING → `to`, only while still PROCESSING; the moved attempt, or undefined when another caller moved it. */
  abstract transition(id: string, to: AttemptStatus, changes: AttemptChanges): Promise<PaymentAttempt | undefined>;
  abstract markSettled(attempts: { id: string; status: AttemptStatus }[]): Promise<void>;
  /** Every PROCESSING attempt, and those whose audit entry is still owed since before `before`. */
  abstract streamOpen(before: Date, batchSize: number): AsyncIterable<PaymentAttempt>;
  abstract purgeExpired(now: Date, limit: number): Promise<number>;
}
