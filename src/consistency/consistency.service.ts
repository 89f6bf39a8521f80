import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { auditTrail, transitionEntryId } from '../audit/domain/audit-trail';
import { Clock } from '../common/clock';
import { BOOKING_STATES, type Booking } from '../bookings/domain/booking';
import { BookingsService } from '../bookings/bookings.service';
import { AppConfig } from '../config/app-config';
import type { EventInventory } from '../events/event-inventory';
import { EventsService } from '../events/events.service';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import { LOCK_STATES, type SeatLock } from '../locks/domain/seat-lock';
import { LocksService } from '../locks/locks.service';
import { PaymentsService } from '../payments/payments.service';
import { jobPeriodSeconds, splitOverdue, type OwedFinding, type OwedWork, type Violation } from './owed-work';

export interface ConsistencyReport {
  checkedAt: Date;
  events: number;
  locks: number;
  bookings: number;
  /** Broken invariants, and owed work older than `owedOverdueAfterSeconds`. */
  violations: Violation[];
  /** Work a stored document owes and a pass will finish: pending, not broken. */
  owed: OwedWork[];
  /** RECONCILE_AFTER_SECONDS plus the longest gap between two job runs on JOBS_CRON. */
  owedOverdueAfterSeconds: number;
}

const AUDIT_LOOKUP_CHUNK = 500;
const RECONCILE_PASS = 'reconcile pass';
const MOVE_FINISHER = 'the request that made it, else the reconcile pass';

/**
 * Verifies the invariants the design promises, from the stored data alone (the state tables say which
 * states hold seats and which audit entries a state needs):
 *   - seats: per event, totalSeats = availableSeats + seats of the locks and bookings in a holding state
 *     + seats still in flight (a HOLD whose lock is not stored, a RETURN recorded but not yet applied);
 *   - one booking per lock, and a booking for every CONSUMED lock;
 *   - money: per booking, what the provider holds (charges that moved money − refunds) equals what the
 *     booking keeps (its amount when paid, less the refund when cancelled, 0 when never paid);
 *   - every lock and booking has the audit entries of the states that led to its current one;
 *   - nothing is left unsettled (follow-up work or a seat move still owed).
 * What a stored document still owes (`settled: false`, a seat move's marker, a pending refund) is owed
 * work, not a violation: the reconcile pass finishes it. It becomes a violation once it is older than the
 * reconcile window plus one job period, when the pass should have finished it.
 */
@Injectable()
export class ConsistencyService {
  constructor(
    private readonly events: EventsService,
    private readonly locks: LocksService,
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpQueue,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<ConsistencyReport> {
    // This instance's follow-ups are written first: the report is about what is owed, not what is queued.
    await this.followUps.drain();
    const [inventories, locks, bookings, money] = await Promise.all([
      this.events.inventories(),
      this.locks.all(),
      this.bookings.all(),
      this.payments.moneyByBooking(),
    ]);
    const checkedAt = this.clock.now();
    const visibleLocks = locks.filter((lock) => lock.visible);
    const findings: (Violation | OwedFinding)[] = [
      ...inventories.flatMap((inventory) => this.checkInventory(inventory, locks, bookings)),
      ...this.checkBookingsPerLock(visibleLocks, bookings),
      ...this.checkMoney(bookings, money, checkedAt),
      ...this.checkSettled(visibleLocks, bookings, checkedAt),
      ...(await this.checkAuditTrail(visibleLocks, bookings, checkedAt)),
    ];
    const owedOverdueAfterSeconds =
      this.config.RECONCILE_AFTER_SECONDS + jobPeriodSeconds(this.config.JOBS_CRON, checkedAt);
    const { owed, overdue } = splitOverdue(findings.filter(isOwed), checkedAt, owedOverdueAfterSeconds);
    return {
      checkedAt,
      events: inventories.length,
      locks: visibleLocks.length,
      bookings: bookings.length,
      violations: [...findings.filter((finding) => !isOwed(finding)), ...overdue],
      owed,
      owedOverdueAfterSeconds,
    };
  }

  private checkInventory(
    inventory: EventInventory,
    locks: SeatLock[],
    bookings: Booking[],
  ): (Violation | OwedFinding)[] {
    const ofEvent = <T extends { eventId: string }>(items: T[]) =>
      items.filter((item) => item.eventId === inventory.eventId);
    const locksById = new Map(locks.map((lock) => [lock.id, lock]));
    const owners = new Map<string, { returnedBy?: string }>([...locksById, ...bookings.map((b) => [b.id, b] as const)]);
    const held =
      sum(ofEvent(locks).filter((lock) => LOCK_STATES.rules[lock.status].holdsSeats)) +
      sum(ofEvent(bookings).filter((booking) => BOOKING_STATES.rules[booking.status].holdsSeats));
    const inFlight = inventory.moves.filter((move) =>
      move.kind === 'HOLD' ? !locksById.get(move.id)?.visible : owners.get(move.ownerId)?.returnedBy === move.id,
    );
    const violations: (Violation | OwedFinding)[] = [];
    const accounted = inventory.availableSeats + held + sum(inFlight);
    if (accounted !== inventory.totalSeats) {
      violations.push({
        kind: 'INVENTORY_MISMATCH',
        entityId: inventory.eventId,
        detail: `totalSeats ${inventory.totalSeats} != availableSeats ${inventory.availableSeats} + held ${held} + in flight ${sum(inFlight)}`,
      });
    }
    if (inventory.availableSeats < 0) {
      violations.push({
        kind: 'OVERSOLD',
        entityId: inventory.eventId,
        detail: `availableSeats is ${inventory.availableSeats}`,
      });
    }
    for (const move of inventory.moves) {
      violations.push({
        kind: 'UNSETTLED_MOVE',
        entityId: inventory.eventId,
        detail: `${move.kind} ${move.id} of ${move.seats} seat(s) for ${move.ownerKind} ${move.ownerId} is still in flight`,
        since: move.at,
        finishedBy: MOVE_FINISHER,
      });
    }
    return violations;
  }

  private checkBookingsPerLock(locks: SeatLock[], bookings: Booking[]): Violation[] {
    const violations: Violation[] = [];
    const perLock = new Map<string, number>();
    for (const booking of bookings) perLock.set(booking.seatLockId, (perLock.get(booking.seatLockId) ?? 0) + 1);
    for (const [lockId, count] of perLock) {
      if (count > 1)
        violations.push({ kind: 'DUPLICATE_BOOKING', entityId: lockId, detail: `${count} bookings for one lock` });
    }
    for (const lock of locks) {
      if (lock.status === 'CONSUMED' && !perLock.has(lock.id)) {
        violations.push({ kind: 'MISSING_BOOKING', entityId: lock.id, detail: 'consumed lock without a booking' });
      }
    }
    return violations;
  }

  private checkMoney(bookings: Booking[], money: Map<string, number>, now: Date): (Violation | OwedFinding)[] {
    const violations: (Violation | OwedFinding)[] = [];
    const known = new Set<string>();
    for (const booking of bookings) {
      known.add(booking.id);
      const held = money.get(booking.id) ?? 0;
      if (held === booking.kept) continue;
      const mismatch = {
        kind: 'MONEY_MISMATCH',
        entityId: booking.id,
        detail: `the provider holds ${held} for booking ${booking.id} (${booking.status}), which keeps ${booking.kept}`,
      };
      // A cancellation whose refund has not moved yet still holds the whole payment: owed by the booking.
      const refundOwed = booking.owesRefund && held === booking.amount;
      violations.push(
        refundOwed ? { ...mismatch, since: booking.updatedAt ?? now, finishedBy: RECONCILE_PASS } : mismatch,
      );
    }
    for (const [bookingId, held] of money) {
      if (!known.has(bookingId) && held !== 0) {
        violations.push({
          kind: 'MONEY_MISMATCH',
          entityId: bookingId,
          detail: `the provider holds ${held} for an unknown booking`,
        });
      }
    }
    return violations;
  }

  private checkSettled(locks: SeatLock[], bookings: Booking[], now: Date): OwedFinding[] {
    return [...locks, ...bookings]
      .filter((item) => !item.settled)
      .map((item) => ({
        kind: 'UNSETTLED',
        entityId: item.id,
        detail: `${item.status} with follow-up work still owed`,
        since: item.updatedAt ?? now,
        finishedBy: RECONCILE_PASS,
      }));
  }

  /** A missing entry of an unsettled entity is owed by it; of a settled one, lost. */
  private async checkAuditTrail(
    locks: SeatLock[],
    bookings: Booking[],
    now: Date,
  ): Promise<(Violation | OwedFinding)[]> {
    const expected: { entity: SeatLock | Booking; entryId: string }[] = [
      ...locks.flatMap((lock) =>
        auditTrail(LOCK_STATES, lock.status, lock.previousStatus).map((s) => ({
          entity: lock,
          entryId: transitionEntryId(lock.id, s),
        })),
      ),
      ...bookings.flatMap((booking) =>
        booking.owedAudit.map((owed) => ({
          entity: booking,
          entryId: transitionEntryId(owed.entityId, owed.state),
        })),
      ),
    ];
    const ids = [...new Set(expected.map((e) => e.entity.id))];
    const present = new Set<string>();
    for (let i = 0; i < ids.length; i += AUDIT_LOOKUP_CHUNK) {
      for (const id of await this.audit.transitionsOf(ids.slice(i, i + AUDIT_LOOKUP_CHUNK))) present.add(id);
    }
    return expected
      .filter((e) => !present.has(e.entryId))
      .map(({ entity, entryId }) => {
        const missing = { kind: 'MISSING_AUDIT', entityId: entity.id, detail: `no audit entry ${entryId}` };
        return entity.settled ? missing : { ...missing, since: entity.updatedAt ?? now, finishedBy: RECONCILE_PASS };
      });
  }
}

function isOwed(finding: Violation | OwedFinding): finding is OwedFinding {
  return 'finishedBy' in finding;
}

function sum(items: { seats: number }[]): number {
  return items.reduce((total, item) => total + item.seats, 0);
}
