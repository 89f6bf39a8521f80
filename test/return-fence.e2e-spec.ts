import { BookingsRepository } from '../src/bookings/bookings.repository';
import { EventsRepository } from '../src/events/events.repository';
import { SeatLocksRepository } from '../src/locks/seat-locks.repository';
import { advanceClock } from './support/clock';
import {
  availableSeats,
  consistency,
  expectOpaqueServerError,
  getBooking,
  openLock,
  createEvent,
  pay,
  payableBooking,
  releaseLock,
  requestCancel,
  runJob,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

const RECONCILE_AFTER_SECONDS = 60;
/** Past the reconcile window: every marker left by the spec's requests is stale. */
const STALE_MS = (RECONCILE_AFTER_SECONDS + 5) * 1000;

/**
 * A RETURN whose request died between its marker and its owner's ending transition is fenced by the
 * reconcile pass (the owner records the move as void, its ending refuses it), and only then is its marker
 * removed: no marker is left forever, and a paused request that wakes up after the fence gives nothing back.
 */
describe('Stale RETURN markers are fenced (e2e)', () => {
  const t = useTestApp({ RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS) });
  let events: EventsRepository;
  let bookings: BookingsRepository;
  let locks: SeatLocksRepository;

  beforeAll(() => {
    events = t.app.get(EventsRepository);
    bookings = t.app.get(BookingsRepository);
    locks = t.app.get(SeatLocksRepository);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const markersOf = async (eventId: string) =>
    (await events.findMovesBefore(new Date(8.64e15))).filter((m) => m.eventId === eventId).map((m) => m.move);

  async function confirmedBooking() {
    const { event, booking } = await payableBooking(t, {
      price: 500,
      seats: 4,
      totalSeats: 10,
      startsInHours: 24 * 30,
    });
    expect((await pay(t, { bookingId: booking.id, amount: 2000, key: uniqueKey('pay') })).status).toBe(201);
    expect(await availableSeats(t, event.id)).toBe(6);
    return { event, booking };
  }

  it('a cancel that dies between marker and transition: the pass fences the move, removes the marker, and the booking can still be cancelled once', async () => {
    const { event, booking } = await confirmedBooking();
    jest.spyOn(bookings, 'transition').mockRejectedValueOnce(new Error('injected crash'));

    expectOpaqueServerError(await requestCancel(t, booking.id, { key: uniqueKey('cancel') }));
    const [marker] = await markersOf(event.id);
    expect(marker).toMatchObject({ kind: 'RETURN', ownerId: booking.id, seats: 4 });
    jest.restoreAllMocks();

    advanceClock(t, STALE_MS);
    await runJob(t, 'expire-bookings').expect(200);

    expect(await markersOf(event.id)).toEqual([]);
    expect((await bookings.findById(booking.id))?.voidedReturns).toEqual([marker.id]);
    expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
    expect(await availableSeats(t, event.id)).toBe(6);
    expect(await consistency(t)).toEqual([]);

    const cancelled = await requestCancel(t, booking.id, { key: uniqueKey('cancel') }).expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await markersOf(event.id)).toEqual([]);
    expect(await consistency(t)).toEqual([]);
  });

  it('a paused cancel that wakes up after the fence loses its transition and gives nothing back; its retry cancels once', async () => {
    const { event, booking } = await confirmedBooking();
    const real = bookings.transition.bind(bookings);
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    let paused!: () => void;
    const pausedAtTransition = new Promise<void>((resolve) => (paused = resolve));
    const transition = jest.spyOn(bookings, 'transition').mockImplementationOnce(async (...args) => {
      paused();
      await woken;
      return real(...args);
    });

    const cancel = requestCancel(t, booking.id, { key: uniqueKey('cancel') }).then((res) => res);
    await pausedAtTransition;
    const [marker] = await markersOf(event.id);
    expect(marker).toMatchObject({ kind: 'RETURN', ownerId: booking.id });

    advanceClock(t, STALE_MS);
    await runJob(t, 'expire-bookings').expect(200);
    expect(await markersOf(event.id)).toEqual([]);
    expect(await availableSeats(t, event.id)).toBe(6);

    wake();
    const answered = await cancel;

    // The paused transition recorded the fenced move: refused. The request then decided again with a fresh move.
    expect(transition.mock.calls[0][2]).toMatchObject({ returnedBy: marker.id });
    await expect(transition.mock.results[0].value).resolves.toBeUndefined();
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('CANCELLED');
    const ended = await bookings.findById(booking.id);
    expect(ended?.returnedBy).toBeDefined();
    expect(ended?.returnedBy).not.toBe(marker.id);
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await markersOf(event.id)).toEqual([]);
    expect(await consistency(t)).toEqual([]);
  });

  it('a release that dies between marker and transition is fenced the same way, and the lock can still be released', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const lock = await openLock(t, { eventId: event.id, seats: 3 });
    jest.spyOn(locks, 'transition').mockRejectedValueOnce(new Error('injected crash'));

    expectOpaqueServerError(await releaseLock(t, lock.id));
    const [marker] = await markersOf(event.id);
    expect(marker).toMatchObject({ kind: 'RETURN', ownerKind: 'lock', ownerId: lock.id });
    jest.restoreAllMocks();

    // Not yet past the lock's hold time (600 s by default): only the marker is stale.
    advanceClock(t, STALE_MS);
    await runJob(t, 'expire-locks').expect(200);

    expect(await markersOf(event.id)).toEqual([]);
    expect((await locks.findById(lock.id))?.voidedReturns).toEqual([marker.id]);
    expect(await availableSeats(t, event.id)).toBe(7);

    await releaseLock(t, lock.id).expect(200);
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await consistency(t)).toEqual([]);
  });
});
