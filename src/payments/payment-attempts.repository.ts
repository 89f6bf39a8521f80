import type { AttemptStatus, PaymentAttempt } from './domain/payment-attempt';

export abstract class PaymentAttemptsRepository {
  /** Stores the attempt, or returns the one already stored under its idempotency key. */
  abstract insertOrGetByKey(attempt: PaymentAttempt): Promise<{ attempt: PaymentAttempt; inserted: boolean }>;
  /** The attempt under this key, unless its retention has passed. */
  abstract findByKey(idempotencyKey: string, now: Date): Promise<PaymentAttempt | undefined>;
  abstract transition(id: string, to: AttemptStatus, changes?: { chargeId?: string }): Promise<PaymentAttempt | undefined>;
  abstract findById(id: string): Promise<PaymentAttempt | undefined>;
  /** Attempts for the booking that may hold money not yet applied to it (PROCESSING or SUCCEEDED). */
  abstract findOpenFor(bookingId: string): Promise<PaymentAttempt[]>;
  abstract purgeExpired(now: Date, limit: number): Promise<number>;
}
