import type { Booking, BookingStatus, Cancellation, Payment } from './domain/booking';

export interface BookingTransitionChanges {
  correlationId: string;
  payment?: Payment;
  cancellation?: Cancellation;
  returnedBy?: string;
  /** Also require the payment window to have closed at this instant. */
  overdueAt?: Date;
}

export abstract class BookingsRepository {
  /** Stores the booking, or returns the one already stored for its lock. */
  abstract insertOrGet(booking: Booking): Promise<{ booking: Booking; inserted: boolean }>;
  abstract findById(id: string): Promise<Booking | undefined>;
  /**
   * Moves the booking from `from` to `to` only if it is still in `from`; returns the moved booking, or
   * undefined when another caller moved it first. The move records `from`, the request's correlation id,
   * and clears `settled` until the follow-up of the new state is done.
   */
  abstract transition(
    id: string,
    from: BookingStatus,
    to: BookingStatus,
    changes: BookingTransitionChanges,
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
