import { Principal } from '../auth/principal';
import type { AuditService } from '../audit/audit.service';
import { FixedClock } from '../../test/support/clock';
import { InMemoryEvents } from '../../test/support/in-memory-events';
import { AppConfig } from '../config/app-config';
import type { SeatMove } from '../events/domain/seat-move';
import { EventsService } from '../events/events.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import type { LocksService } from '../locks/locks.service';
import { expiryHolds } from '../common/state-machine';
import { BookingsRepository, type TransitionContext } from './bookings.repository';
import { bookingAt } from '../../test/support/entity-builders';
import { BookingsService } from './bookings.service';
import { BookingRefundOwed } from './domain/booking-refund-owed.event';
import { BOOKING_STATES, Booking, type BookingStatus, type BookingTransition } from './domain/booking';

const now = new Date('2030-01-01T12:00:00.000Z');
const HOUR = 3_600_000;

/**
 * Bookings by id with the guarded transition's rules: the state, the fence (`voidedReturns`) and the
 * overdue guard. `beforeNextTransition` runs a twin's write just before the next transition, so a spec
 * decides which branch of a race the service takes.
 */
class InMemoryBookings extends BookingsRepository {
  readonly docs = new Map<string, Booking>();
  beforeNextTransition?: () => void;

  put(booking: Booking): void {
    this.docs.set(booking.id, booking);
  }
  insertOrGet(booking: Booking): Promise<{ booking: Booking; inserted: boolean }> {
    this.put(booking);
    return Promise.resolve({ booking, inserted: true });
  }
  findById(id: string): Promise<Booking | undefined> {
    return Promise.resolve(this.docs.get(id));
  }
  transition(id: string, transition: BookingTransition, context: TransitionContext): Promise<Booking | undefined> {
    const twin = this.beforeNextTransition;
    this.beforeNextTransition = undefined;
    twin?.();
    const { from, to, changes, expiry } = transition;
    BOOKING_STATES.assertMove(from, to);
    const current = this.docs.get(id);
    if (
      !current ||
      current.status !== from ||
      (context.returnedBy !== undefined && current.voidedReturns?.includes(context.returnedBy)) ||
      (expiry && !expiryHolds(current.expiresAt, expiry))
    ) {
      return Promise.resolve(undefined);
    }
    const moved = Booking.restore({
      ...current,
      ...changes,
      ...context,
      status: to,
      previousStatus: from,
      settled: false,
    });
    this.put(moved);
    return Promise.resolve(moved);
  }
  voidReturn(id: string, moveId: string): Promise<void> {
    const current = this.docs.get(id);
    if (current && !current.returnedBy) {
      this.put(Booking.restore({ ...current, voidedReturns: [...(current.voidedReturns ?? []), moveId] }));
    }
    return Promise.resolve();
  }
  markRefunded(id: string, providerRefundId: string, at: Date): Promise<void> {
    const current = this.docs.get(id);
    if (current?.owesRefund) this.put(current.refundIssued(providerRefundId, at));
    return Promise.resolve();
  }
  markSettled(items: { id: string; status: BookingStatus }[]): Promise<void> {
    for (const { id, status } of items) {
      const current = this.docs.get(id);
      if (current?.status === status) this.put(Booking.restore({ ...current, settled: true }));
    }
    return Promise.resolve();
  }
  async *streamOverdue(): AsyncIterable<Booking> {}
  async *streamUnsettled(): AsyncIterable<Booking> {}
  findAll(): Promise<Booking[]> {
    return Promise.resolve([...this.docs.values()]);
  }
}

function setUp() {
  const clock = new FixedClock(now);
  const followUps = new FollowUpQueue();
  const events = new InMemoryEvents();
  const bookings = new InMemoryBookings();
  const refunds: string[] = [];
  const audited: string[] = [];
  const audit = {
    trailLater: (machine: typeof BOOKING_STATES, booking: Booking) => {
      audited.push(machine.rules[booking.status].audit!);
    },
    transitionLater: (_id: string, entry: { action: string }) => {
      audited.push(entry.action);
    },
  } as unknown as AuditService;
  const domainEvents = new EventEmitter2();
  const sut = new BookingsService(
    bookings,
    {} as LocksService,
    new EventsService(events, followUps, clock),
    audit,
    followUps,
    domainEvents,
    new AppConfig(),
    clock,
  );
  // What the payments module does on the event: moves the refund after the answer, then reports it.
  domainEvents.on(BookingRefundOwed.name, ({ booking }: BookingRefundOwed) =>
    followUps.task(async () => {
      refunds.push(booking.id);
      await sut.recordRefund(booking, `refund:${booking.id}`);
    }),
  );
  return { sut, clock, followUps, events, bookings, refunds, audited };
}

describe('BookingsService.cancel', () => {
  it('ends a paid booking top to bottom: marker, transition recording it, seats back once, refund and audit after', async () => {
    const { sut, followUps, events, bookings, refunds, audited } = setUp();
    bookings.put(bookingAt(now));

    const cancelled = await sut.cancel('booking-1', 'changed plans', 'corr-1', Principal.OPEN);

    expect(cancelled).toMatchObject({ status: 'CANCELLED', previousStatus: 'CONFIRMED', correlationId: 'corr-1' });
    expect(cancelled.cancellation?.refund).toMatchObject({ amount: 3_000, policy: 'FULL_REFUND', status: 'PENDING' });
    expect(cancelled.returnedBy).toBeDefined();
    expect(events.available).toBe(3);
    expect(events.markers.size).toBe(0);

    await followUps.drain();
    expect(refunds).toEqual(['booking-1']);
    expect(audited).toEqual(['BOOKING_CANCELLED', 'REFUND_ISSUED']);
    expect(await bookings.findById('booking-1')).toMatchObject({
      settled: true,
      cancellation: { refund: { status: 'REFUNDED', providerRefundId: 'refund:booking-1' } },
    });
  });

  it('loses the race to a twin that cancelled first: answers the twin CANCELLED, drops its own marker, finishes the twin seats once', async () => {
    const { sut, followUps, events, bookings } = setUp();
    bookings.put(bookingAt(now, { payment: undefined, status: 'PENDING_PAYMENT', previousStatus: undefined }));
    const twinMove: SeatMove = {
      id: 'twin-move',
      kind: 'RETURN',
      ownerKind: 'booking',
      ownerId: 'booking-1',
      seats: 3,
      at: now,
    };
    bookings.beforeNextTransition = () => {
      // The twin marked its RETURN and won the transition, then died before giving the seats back.
      void events.markReturn('event-1', twinMove);
      const current = bookings.docs.get('booking-1')!;
      bookings.put(
        Booking.restore({
          ...current,
          status: 'CANCELLED',
          previousStatus: 'PENDING_PAYMENT',
          returnedBy: 'twin-move',
          cancellation: current.cancellationAt(now),
          settled: false,
        }),
      );
    };

    const answered = await sut.cancel('booking-1', undefined, 'corr-1', Principal.OPEN);

    expect(answered).toMatchObject({ status: 'CANCELLED', returnedBy: 'twin-move' });
    await followUps.drain();
    expect(events.available).toBe(3);
    expect(events.markers.size).toBe(0);
    // Again: nothing moves twice.
    await sut.cancel('booking-1', undefined, 'corr-2', Principal.OPEN);
    expect(events.available).toBe(3);
  });

  it('decides again with a fresh move when the reconcile pass fenced its move meanwhile', async () => {
    const { sut, followUps, events, bookings } = setUp();
    bookings.put(bookingAt(now));
    let fenced: string | undefined;
    bookings.beforeNextTransition = () => {
      fenced = [...events.markers.keys()][0];
      void bookings.voidReturn('booking-1', fenced);
      events.markers.delete(fenced);
    };

    const cancelled = await sut.cancel('booking-1', undefined, 'corr-1', Principal.OPEN);

    expect(fenced).toBeDefined();
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.returnedBy).not.toBe(fenced);
    expect(cancelled.voidedReturns).toEqual([fenced]);
    await followUps.drain();
    expect(events.available).toBe(3);
    expect(events.markers.size).toBe(0);
  });

  it('refuses a booking whose payment window has closed and writes nothing', async () => {
    const { sut, clock, events, bookings } = setUp();
    bookings.put(bookingAt(now, { status: 'PENDING_PAYMENT', payment: undefined, previousStatus: undefined }));
    clock.at = new Date(now.getTime() + 2 * HOUR);

    await expect(sut.cancel('booking-1', undefined, 'corr-1', Principal.OPEN)).rejects.toMatchObject({
      code: 'BOOKING.NOT_CANCELLABLE',
    });
    expect(events.markers.size).toBe(0);
    expect(events.available).toBe(0);
  });
});

describe('BookingsService.expire', () => {
  it('expires an overdue booking once and gives its seats back', async () => {
    const { sut, clock, events, bookings } = setUp();
    const booking = bookingAt(now, { status: 'PENDING_PAYMENT', payment: undefined, previousStatus: undefined });
    bookings.put(booking);
    clock.at = new Date(now.getTime() + 2 * HOUR);

    expect(await sut.expire(booking, 'job-1')).toBe(true);
    expect(await sut.expire(booking, 'job-2')).toBe(false);
    expect((await bookings.findById('booking-1'))?.status).toBe('EXPIRED');
    expect(events.available).toBe(3);
  });

  it('leaves a booking whose window is still open, by the clock the guard is given', async () => {
    const { sut, followUps, events, bookings } = setUp();
    const booking = bookingAt(now, { status: 'PENDING_PAYMENT', payment: undefined, previousStatus: undefined });
    bookings.put(booking);

    expect(await sut.expire(booking, 'job-1')).toBe(false);
    await followUps.drain();
    expect((await bookings.findById('booking-1'))?.status).toBe('PENDING_PAYMENT');
    expect(events.available).toBe(0);
    expect(events.markers.size).toBe(0);
  });
});
