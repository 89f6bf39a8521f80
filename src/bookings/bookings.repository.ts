import type { Booking, BookingStatus, BookingTransition } from './domain/booking';

/** Who made the move, and for an ending the RETURN move it records (refused if that move was fenced). */
export interface TransitionContext {
  correlationId: string;
  returnedBy?: string;
}

export abstract class BookingsRepository {
  /** Stores the booking, or returns the one already stored for its lock. */
  abstract insertOrGet(booking: Booking): Promise<{ booking: Booking; inserted: boolean }>;
  abstract findById(id: string): Promise<Booking | undefined>;
  /**
   * Persists the move the entity decided, only while the booking is still in its `from` (and its expiry
   * guard holds); returns the moved booking, or undefined when another caller moved it first. The move
   * records `from`, the request's correlation id, and clears `settled` until the follow-up is done.
   */
  abstract transition(
    id: string,
    transition: BookingTransition,
    context: TransitionContext,
  ): Promise<Booking | undefined>;
  /** Fences out a RETURN move the booking never recorded (seat-move.ts); a no-op once it ended with one. */
  abstract voidReturn(id: string, moveId: string): Promise<void>;
  /** Records the provider's refund on a cancellation still waiting for it. */
  abstract markRefunded(id: string, providerRefundId: string, at: Date): Promise<void>;
  abstract markSettled(bookings: { id: string; status: BookingStatus }[]): Promise<void>;
  abstract streamOverdue(now: Date, batchSize: number): AsyncIterable<Booking>;
  abstract streamUnsettled(updatedBefore: Date, batchSize: number): AsyncIterable<Booking>;
  abstract findAll(): Promise<Booking[]>;
}
