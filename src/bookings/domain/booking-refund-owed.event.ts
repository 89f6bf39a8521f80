import type { Booking } from './booking';

/**
 * A cancelled booking whose refund was decided but not moved. Bookings decide refunds; payments own the
 * money, so the payments module handles this event and reports the moved refund back with
 * `BookingsService.recordRefund` — a call downward, as payments already depends on bookings. Published
 * again by every follow-up of the booking until the refund is recorded (a retry, the reconcile pass),
 * and the provider moves a booking's refund once, whoever asks.
 */
export class BookingRefundOwed {
  constructor(readonly booking: Booking) {}
}
