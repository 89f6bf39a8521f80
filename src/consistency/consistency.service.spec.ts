import { bookingAt, lockAt } from '../../test/support/entity-builders';
import { FixedClock } from '../../test/support/clock';
import type { AuditService } from '../audit/audit.service';
import type { Booking, BookingProps } from '../bookings/domain/booking';
import type { BookingsService } from '../bookings/bookings.service';
import { AppConfig } from '../config/app-config';
import type { EventInventory } from '../events/event-inventory';
import type { EventsService } from '../events/events.service';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import type { SeatLock, SeatLockProps } from '../locks/domain/seat-lock';
import type { LocksService } from '../locks/locks.service';
import type { PaymentsService } from '../payments/payments.service';
import { ConsistencyService } from './consistency.service';

const now = new Date('2030-01-01T12:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
/** RECONCILE_AFTER_SECONDS (60) plus one period of the default cron (every minute). */
const OVERDUE_AFTER = 120;

const lockWith = (overrides: Partial<SeatLockProps> = {}): SeatLock =>
  lockAt(now, { status: 'CONSUMED', previousStatus: 'ACTIVE', bookingId: 'booking-1', ...overrides });

const bookingWith = (overrides: Partial<BookingProps> = {}): Booking =>
  bookingAt(now, { seats: 2, amount: 2_000, ...overrides });

/**
 * A consistent world: one event of 10 seats, 2 of them booked through a consumed lock and paid, every
 * audit entry written. Each spec breaks one thing.
 */
function world() {
  return {
    inventories: [{ eventId: 'event-1', totalSeats: 10, availableSeats: 8, moves: [] }] as EventInventory[],
    locks: [lockWith()],
    bookings: [bookingWith()],
    money: new Map([['booking-1', 2_000]]),
    entries: new Set(['lock-1:ACTIVE', 'lock-1:CONSUMED', 'booking-1:PENDING_PAYMENT', 'booking-1:CONFIRMED']),
  };
}

function check(state: ReturnType<typeof world>) {
  const sut = new ConsistencyService(
    { inventories: () => Promise.resolve(state.inventories) } as unknown as EventsService,
    { all: () => Promise.resolve(state.locks) } as unknown as LocksService,
    { all: () => Promise.resolve(state.bookings) } as unknown as BookingsService,
    { moneyByBooking: () => Promise.resolve(state.money) } as unknown as PaymentsService,
    {
      transitionsOf: (ids: string[]) =>
        Promise.resolve(new Set([...state.entries].filter((entry) => ids.includes(entry.split(':')[0])))),
    } as unknown as AuditService,
    new FollowUpQueue(),
    new FixedClock(now),
    new AppConfig(),
  );
  return sut.check();
}

const kinds = (findings: { kind: string }[]) => findings.map((f) => f.kind);

describe('ConsistencyService.check', () => {
  it('finds nothing wrong or owed in a consistent world, and counts what it read', async () => {
    expect(await check(world())).toEqual({
      checkedAt: now,
      events: 1,
      locks: 1,
      bookings: 1,
      violations: [],
      owed: [],
      owedOverdueAfterSeconds: OVERDUE_AFTER,
    });
  });

  it('reports seats out of account, and an event sold beyond its seats', async () => {
    const lost = world();
    lost.inventories[0].availableSeats = 7;
    expect(kinds((await check(lost)).violations)).toEqual(['INVENTORY_MISMATCH']);

    const oversold = world();
    oversold.inventories[0] = { eventId: 'event-1', totalSeats: 1, availableSeats: -1, moves: [] };
    expect(kinds((await check(oversold)).violations)).toEqual(['OVERSOLD']);
  });

  it('counts the seats of a RETURN recorded but not applied yet as in flight: owed, not lost', async () => {
    const state = world();
    state.locks = [lockWith({ status: 'RELEASED', bookingId: undefined, returnedBy: 'move-1', settled: false })];
    state.bookings = [];
    state.money = new Map();
    state.entries = new Set(['lock-1:ACTIVE']);
    state.inventories[0].moves = [
      { id: 'move-1', kind: 'RETURN', ownerKind: 'lock', ownerId: 'lock-1', seats: 2, at: secondsAgo(5) },
    ];

    const report = await check(state);

    expect(report.violations).toEqual([]);
    expect(report.owed).toEqual([
      expect.objectContaining({ kind: 'UNSETTLED_MOVE', entityId: 'event-1', ageSeconds: 5 }),
      expect.objectContaining({ kind: 'UNSETTLED', entityId: 'lock-1' }),
      expect.objectContaining({ kind: 'MISSING_AUDIT', entityId: 'lock-1', detail: 'no audit entry lock-1:RELEASED' }),
    ]);
  });

  it('reports two bookings of one lock, and a consumed lock without its booking', async () => {
    const twice = world();
    twice.bookings.push(bookingWith({ id: 'booking-2', payment: undefined, status: 'PENDING_PAYMENT' }));
    twice.inventories[0].availableSeats = 6;
    twice.entries.add('booking-2:PENDING_PAYMENT');
    expect(kinds((await check(twice)).violations)).toEqual(['DUPLICATE_BOOKING']);

    const missing = world();
    missing.bookings = [];
    missing.money = new Map();
    missing.inventories[0].availableSeats = 10;
    expect(kinds((await check(missing)).violations)).toEqual(['MISSING_BOOKING']);
  });

  it('reports money the provider holds that no booking keeps, and a paid booking the provider has nothing for', async () => {
    const state = world();
    state.money = new Map([['booking-9', 500]]);

    expect((await check(state)).violations).toEqual([
      expect.objectContaining({ kind: 'MONEY_MISMATCH', entityId: 'booking-1' }),
      expect.objectContaining({ kind: 'MONEY_MISMATCH', entityId: 'booking-9' }),
    ]);
  });

  it('counts a cancellation whose refund has not moved yet as owed by the reconcile pass', async () => {
    const state = world();
    state.bookings = [
      bookingWith({
        status: 'CANCELLED',
        previousStatus: 'CONFIRMED',
        settled: false,
        updatedAt: secondsAgo(30),
        cancellation: {
          cancelledAt: secondsAgo(30),
          refund: { amount: 2_000, percent: 100, policy: 'FULL_REFUND', status: 'PENDING' },
        },
      }),
    ];
    state.inventories[0].availableSeats = 10;
    state.entries.add('booking-1:CANCELLED');

    const report = await check(state);

    expect(report.violations).toEqual([]);
    expect(report.owed).toEqual([
      expect.objectContaining({ kind: 'MONEY_MISMATCH', ageSeconds: 30, finishedBy: 'reconcile pass' }),
      expect.objectContaining({ kind: 'UNSETTLED', entityId: 'booking-1', ageSeconds: 30 }),
    ]);
  });

  it('turns owed work into a violation once the reconcile pass should have finished it', async () => {
    const state = world();
    state.bookings = [bookingWith({ settled: false, updatedAt: secondsAgo(OVERDUE_AFTER + 1) })];
    state.entries.delete('booking-1:CONFIRMED');

    const report = await check(state);

    expect(report.owed).toEqual([]);
    expect(kinds(report.violations)).toEqual(['UNSETTLED', 'MISSING_AUDIT']);
    expect(report.violations[0].detail).toContain(`owed for ${OVERDUE_AFTER + 1} s`);
  });

  it('reports a missing audit entry of a settled entity at once: nothing will ever write it', async () => {
    const state = world();
    state.entries.delete('lock-1:ACTIVE');

    const report = await check(state);

    expect(report.owed).toEqual([]);
    expect(report.violations).toEqual([
      { kind: 'MISSING_AUDIT', entityId: 'lock-1', detail: 'no audit entry lock-1:ACTIVE' },
    ]);
  });
});
