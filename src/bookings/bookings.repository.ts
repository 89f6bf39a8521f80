import type { Booking, BookingStatus, Cancellation, Payment } from './domain/booking';

export interface BookingTransitionOptions {
  payment?: Payment;
  cancellation?: Cancellation;
  /** Also require the payment window to be open at this instant. */
  payableAt?: Date;
  /** Also require the payment window to have closed at this instant. */
  overdueAt?: Date;
}

export abstract class BookingsRepository {
  /** Stores the booking, or returns the one already stored with its id (or for its lock). */
  abstract insertOrGet(booking: Booking): Promise<{ booking: Booking; inserted: boolean }>;
  abstract findById(id: string): Promise<Booking | undefined>;
  /**
   * Moves the booking from `from` to `to` only if it is still in `from` (a refund is computed for the
   * state it was in); returns the moved booking, or undefined when another caller moved it first. The
   * move records `from` and clears `settled` until the follow-up of the new state is done.
   */
  abstract transition(
    id: string,
    from: BookingStatus,
    to: BookingStatus,
    options?: BookingTransitionOptions,
  ): Promise<Booking | undefined>;
  abstract markRefunded(id: string, providerRefundId: string, at: Date): Promise<void>;
  abstract markSettled(id: string, status: BookingStatus): Promise<void>;
  /** Batches for the jobs skip `exclude`: items that failed earlier in the same run. */
  abstract findOverdue(now: Date, limit: number, exclude?: string[]): Promise<Booking[]>;
  abstract findUnsettled(updatedBefore: Date, limit: number, exclude?: string[]): Promise<Booking[]>;
  abstract findAll(): Promise<Booking[]>;
}
