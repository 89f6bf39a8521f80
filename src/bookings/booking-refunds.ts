import type { Booking } from './domain/booking';

/**
 * Moves a cancelled booking's refund. Bookings decide a refund; payments own the money, so the payments
 * module implements this port and hands it to the bookings module at start-up — bookings never import
 * payments, and the folders have no import cycle.
 */
export abstract class BookingRefunds {
  /** Refunds `booking.cancellation.refund.amount` of its payment, once whatever the retries; the provider's refund id. */
  abstract refund(booking: Booking): Promise<string>;
}
