import type { Booking, BookingStatus, Cancellation, Payment } from './domain/booking';

export interface BookingTransitionOptions {
  /** Only move the booking if it is in exactly this state (the refund was computed for it). */
  from?: BookingStatus;
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
  abstract transition(id: string, to: BookingStatus, options?: BookingTransitionOptions): Promise<Booking | undefined>;
  abstract markRefunded(id: string, providerRefundId: string, at: Date): Promise<void>;
  abstract markSettled(id: string, status: BookingStatus): Promise<void>;
  /** Batches for the jobs skip `exclude`: items that failed earlier in the same run. */
  abstract findOverdue(now: Date, limit: number, exclude?: string[]): Promise<Booking[]>;
  abstract findUnsettled(updatedBefore: Date, limit: number, exclude?: string[]): Promise<Booking[]>;
  abstract findAll(): Promise<Booking[]>;
}
