import { Booking, type BookingProps } from '../../src/bookings/domain/booking';
import { SeatLock, type SeatLockProps } from '../../src/locks/domain/seat-lock';

const MINUTE = 60_000;

/** An ACTIVE lock of 2 seats read at `now`, held for 10 more minutes, on an event a month away; settled. */
export const lockAt = (now: Date, overrides: Partial<SeatLockProps> = {}): SeatLock =>
  SeatLock.restore({
    id: 'lock-1',
    eventId: 'event-1',
    userId: 'user-1',
    seats: 2,
    price: 1_000,
    startsAt: new Date(now.getTime() + 30 * 24 * 60 * MINUTE),
    status: 'ACTIVE',
    idempotencyKey: 'key-1',
    expiresAt: new Date(now.getTime() + 10 * MINUTE),
    createdAt: now,
    correlationId: 'corr-0',
    settled: true,
    ...overrides,
  });

/** A CONFIRMED booking of 3 seats (3 000) paid at `now`, on an event a month away; settled. */
export const bookingAt = (now: Date, overrides: Partial<BookingProps> = {}): Booking =>
  Booking.restore({
    id: 'booking-1',
    seatLockId: 'lock-1',
    eventId: 'event-1',
    userId: 'user-1',
    seats: 3,
    amount: 3_000,
    startsAt: new Date(now.getTime() + 30 * 24 * 60 * MINUTE),
    status: 'CONFIRMED',
    previousStatus: 'PENDING_PAYMENT',
    expiresAt: new Date(now.getTime() + 60 * MINUTE),
    createdAt: now,
    payment: { attemptId: 'attempt-1', chargeId: 'charge-1', paidAt: now },
    correlationId: 'corr-0',
    settled: true,
    ...overrides,
  });
