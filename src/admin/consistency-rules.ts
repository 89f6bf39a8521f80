import type { BookingStatus } from '../bookings/domain/booking';
import type { LockStatus } from '../locks/domain/seat-lock';

/** The audited states a lock in a given state must have passed through (a PENDING lock is unpublished). */
export const LOCK_AUDIT_TRAIL: Record<LockStatus, LockStatus[]> = {
  PENDING: [],
  ACTIVE: ['ACTIVE'],
  CONSUMED: ['ACTIVE', 'CONSUMED'],
  RELEASED: ['ACTIVE', 'RELEASED'],
  // An abandoned PENDING lock expires without ever having been ACTIVE.
  EXPIRED: ['EXPIRED'],
};

export const BOOKING_AUDIT_TRAIL: Record<BookingStatus, BookingStatus[]> = {
  PENDING_PAYMENT: ['PENDING_PAYMENT'],
  CONFIRMED: ['PENDING_PAYMENT', 'CONFIRMED'],
  CANCELLED: ['PENDING_PAYMENT', 'CANCELLED'],
  EXPIRED: ['PENDING_PAYMENT', 'EXPIRED'],
};

/** Locks and bookings in these states hold their seats on the event. */
export const HOLDING_LOCK_STATES: readonly LockStatus[] = ['PENDING', 'ACTIVE'];
export const HOLDING_BOOKING_STATES: readonly BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED'];
