import { Injectable } from '@nestjs/common';
import { AuditService, transitionEntryId } from '../audit/audit.service';
import { BookingsRepository } from '../bookings/bookings.repository';
import type { Booking } from '../bookings/domain/booking';
import { EventsRepository, type EventInventory } from '../events/events.repository';
import type { SeatLock } from '../locks/domain/seat-lock';
import { SeatLocksRepository } from '../locks/seat-locks.repository';
import { BOOKING_AUDIT_TRAIL, HOLDING_BOOKING_STATES, HOLDING_LOCK_STATES, LOCK_AUDIT_TRAIL } from './consistency-rules';

export interface Violation {
  kind: string;
  entityId: string;
  detail: string;
}

export interface ConsistencyReport {
  checkedAt: Date;
  events: number;
  locks: number;
  bookings: number;
  violations: Violation[];
}

const AUDIT_LOOKUP_CHUNK = 500;

/**
 * Verifies the invariants the design promises, from the stored data alone:
 *   - per event, totalSeats = availableSeats + seats of ACTIVE locks + seats of PENDING_PAYMENT and
 *     CONFIRMED bookings, and every hold on the event belongs to exactly such a holder;
 *   - one booking per lock, and a booking for every CONSUMED lock;
 *   - every lock and booking has the audit entries of the states that led to its current one;
 *   - nothing is left unsettled (a crash's follow-up work still owed).
 */
@Injectable()
export class ConsistencyService {
  constructor(
    private readonly events: EventsRepository,
    private readonly locks: SeatLocksRepository,
    private readonly bookings: BookingsRepository,
    private readonly audit: AuditService,
  ) {}

  async check(): Promise<ConsistencyReport> {
    const [inventories, locks, bookings] = await Promise.all([
      this.events.listInventories(),
      this.locks.findAll(),
      this.bookings.findAll(),
    ]);
    const violations = [
      ...inventories.flatMap((inventory) => this.checkInventory(inventory, locks, bookings)),
      ...this.checkBookingsPerLock(locks, bookings),
      ...this.checkSettled(locks, bookings),
      ...(await this.checkAuditTrail(locks, bookings)),
    ];
    return { checkedAt: new Date(), events: inventories.length, locks: locks.length, bookings: bookings.length, violations };
  }

  private checkInventory(inventory: EventInventory, locks: SeatLock[], bookings: Booking[]): Violation[] {
    const violations: Violation[] = [];
    const holders = new Map<string, number>();
    for (const lock of locks) {
      if (lock.eventId === inventory.eventId && HOLDING_LOCK_STATES.includes(lock.status)) holders.set(lock.id, lock.seats);
    }
    for (const booking of bookings) {
      if (booking.eventId === inventory.eventId && HOLDING_BOOKING_STATES.includes(booking.status)) {
        holders.set(booking.seatLockId, booking.seats);
      }
    }
    const held = [...holders.values()].reduce((sum, seats) => sum + seats, 0);
    if (inventory.availableSeats + held !== inventory.totalSeats) {
      violations.push({
        kind: 'INVENTORY_MISMATCH',
        entityId: inventory.eventId,
        detail: `totalSeats ${inventory.totalSeats} != availableSeats ${inventory.availableSeats} + held by locks and bookings ${held}`,
      });
    }
    if (inventory.availableSeats < 0) {
      violations.push({ kind: 'OVERSOLD', entityId: inventory.eventId, detail: `availableSeats is ${inventory.availableSeats}` });
    }
    for (const [ref, seats] of Object.entries(inventory.holds)) {
      if (holders.get(ref) !== seats) {
        violations.push({ kind: 'ORPHAN_HOLD', entityId: inventory.eventId, detail: `hold ${ref} of ${seats} seat(s) has no live holder` });
      }
    }
    for (const [ref, seats] of holders) {
      if (inventory.holds[ref] === undefined && !this.isPendingWithoutHold(ref, locks)) {
        violations.push({ kind: 'MISSING_HOLD', entityId: ref, detail: `${seats} seat(s) of ${ref} are not held on event ${inventory.eventId}` });
      }
    }
    return violations;
  }

  /** A PENDING lock may not have reserved yet; it is reported as unsettled instead. */
  private isPendingWithoutHold(ref: string, locks: SeatLock[]): boolean {
    return locks.some((lock) => lock.id === ref && lock.status === 'PENDING');
  }

  private checkBookingsPerLock(locks: SeatLock[], bookings: Booking[]): Violation[] {
    const violations: Violation[] = [];
    const perLock = new Map<string, number>();
    for (const booking of bookings) perLock.set(booking.seatLockId, (perLock.get(booking.seatLockId) ?? 0) + 1);
    for (const [lockId, count] of perLock) {
      if (count > 1) violations.push({ kind: 'DUPLICATE_BOOKING', entityId: lockId, detail: `${count} bookings for one lock` });
    }
    for (const lock of locks) {
      if (lock.status === 'CONSUMED' && !perLock.has(lock.id)) {
        violations.push({ kind: 'MISSING_BOOKING', entityId: lock.id, detail: 'consumed lock without a booking' });
      }
    }
    return violations;
  }

  private checkSettled(locks: SeatLock[], bookings: Booking[]): Violation[] {
    return [...locks, ...bookings]
      .filter((item) => !item.settled)
      .map((item) => ({ kind: 'UNSETTLED', entityId: item.id, detail: `${item.status} with follow-up work still owed` }));
  }

  private async checkAuditTrail(locks: SeatLock[], bookings: Booking[]): Promise<Violation[]> {
    const expected: { entityId: string; entryId: string }[] = [
      ...locks.flatMap((lock) => LOCK_AUDIT_TRAIL[lock.status].map((s) => ({ entityId: lock.id, entryId: transitionEntryId(lock.id, s) }))),
      ...bookings.flatMap((booking) =>
        BOOKING_AUDIT_TRAIL[booking.status].map((s) => ({ entityId: booking.id, entryId: transitionEntryId(booking.id, s) })),
      ),
    ];
    const ids = [...new Set(expected.map((e) => e.entityId))];
    const present = new Set<string>();
    for (let i = 0; i < ids.length; i += AUDIT_LOOKUP_CHUNK) {
      for (const id of await this.audit.transitionsOf(ids.slice(i, i + AUDIT_LOOKUP_CHUNK))) present.add(id);
    }
    return expected
      .filter((e) => !present.has(e.entryId))
      .map((e) => ({ kind: 'MISSING_AUDIT', entityId: e.entityId, detail: `no audit entry ${e.entryId}` }));
  }
}
