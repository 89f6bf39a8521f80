import type { AttemptStatus, AttemptTransition, PaymentAttempt } from './domain/payment-attempt';

export type InsertedAttempt =
  | { attempt: PaymentAttempt; inserted: boolean }
  /** Another key's attempt holds the booking's payment slot (keepsPaymentSlot): nothing was stored. */
  | { busyWith: PaymentAttempt };

export abstract class PaymentAttemptsRepository {
  /**
   * Stores the attempt holding its booking's payment slot, or returns the one already stored for its
   * booking and key, or the other key's attempt that holds the slot.
   */
  abstract insertOrGet(attempt: PaymentAttempt): Promise<InsertedAttempt>;
  /**
   * Gives up or takes back the booking's payment slot for a PROCESSING attempt; taking it answers false
   * when another attempt holds it.
   */
  abstract holdSlot(attempt: PaymentAttempt, hold: boolean): Promise<boolean>;
  abstract findByKey(bookingId: string, idempotencyKey: string): Promise<PaymentAttempt | undefined>;
  abstract findById(id: string): Promise<PaymentAttempt | undefined>;
  /**
   * Persists the move the attempt decided, only while it is still in its `from`; the moved attempt, or
   * undefined when another caller moved it.
   */
  abstract transition(
    attempt: PaymentAttempt,
    transition: AttemptTransition,
    context: { correlationId: string },
  ): Promise<PaymentAttempt | undefined>;
  abstract markSettled(attempts: { id: string; status: AttemptStatus }[]): Promise<void>;
  /** Every PROCESSING attempt, and those whose audit entry is still owed since before `before`. */
  abstract streamOpen(before: Date, batchSize: number): AsyncIterable<PaymentAttempt>;
  abstract purgeExpired(now: Date, limit: number): Promise<number>;
}
