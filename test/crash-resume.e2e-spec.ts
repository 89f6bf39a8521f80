import { BookingsRepository } from '../src/bookings/bookings.repository';
import { EventsRepository } from '../src/events/events.repository';
import {
  audit,
  availableSeats,
  confirmLock,
  consistency,
  consistencyReport,
  createEvent,
  expectOpaqueServerError,
  openLock,
  releaseLock,
  requestBooking,
  requestCancel,
  requestLock,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

/**
 * A crash between two steps of a flow is simulated by making one repository call fail once, either
 * before it writes ("crash before") or after its write went through ("answer lost"). The request then
 * fails with 500, and a retry must finish the flow without repeating any step.
 */
describe('Crash and resume (e2e)', () => {
  const t = useTestApp();
  let events: EventsRepository;
  let bookings: BookingsRepository;

  beforeAll(() => {
    events = t.app.get(EventsRepository);
    bookings = t.app.get(BookingsRepository);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('LocksService.open: taking the seats fails, before or after the write', () => {
    it.each([
      ['before the seats are reserved', false],
      ['after the seats were reserved (answer lost)', true],
    ])('%s: the retry of the same key ends ACTIVE with the seats taken once', async (_label, reserveFirst) => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('lock-crash');
      const before = await consistencyReport(t);
      const spy = crashOnce(events, 'hold', reserveFirst);

      const failed = await requestLock(t, { eventId: event.id, userId: 'crash-user', seats: 3, key });

      expectOpaqueServerError(failed);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await availableSeats(t, event.id)).toBe(reserveFirst ? 7 : 10);

      const retried = await requestLock(t, { eventId: event.id, userId: 'crash-user', seats: 3, key }).expect(201);

      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(retried.body).toMatchObject({
        eventId: event.id,
        userId: 'crash-user',
        seats: 3,
        status: 'ACTIVE',
        idempotencyKey: key,
      });
      expect(await availableSeats(t, event.id)).toBe(7);

      const replay = await requestLock(t, { eventId: event.id, userId: 'crash-user', seats: 3, key }).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(retried.body.id);
      expect(await availableSeats(t, event.id)).toBe(7);

      const after = await consistencyReport(t);
      expect(after.locks).toBe(before.locks + 1);
      expect(await audit(t, { lockId: retried.body.id, action: 'LOCK_CREATED' })).toHaveLength(1);
      expect(after.violations).toEqual([]);
    });
  });

  describe('LocksService.release: the lock is RELEASED, then giving its seats back fails', () => {
    it.each([
      ['before the seats are returned', false],
      ['after the seats were returned (answer lost)', true],
    ])('%s: the retry answers RELEASED and the seats come back once', async (_label, releaseFirst) => {
      const event = await createEvent(t, { totalSeats: 10 });
      const lock = await openLock(t, { eventId: event.id, seats: 4 });
      const spy = crashOnce(events, 'giveSeatsBack', releaseFirst);

      expectOpaqueServerError(await releaseLock(t, lock.id));
      expect(spy).toHaveBeenCalledTimes(1);

      const retried = await releaseLock(t, lock.id).expect(200);
      expect(retried.body).toEqual({ ...lock, status: 'RELEASED' });
      expect(await availableSeats(t, event.id)).toBe(10);
      await releaseLock(t, lock.id).expect(200);
      expect(await availableSeats(t, event.id)).toBe(10);
      expect(await audit(t, { lockId: lock.id, action: 'LOCK_RELEASED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });
  });

  describe('BookingsService.confirm: the lock is CONSUMED, then storing the booking fails', () => {
    it('crash before the insert: a retry with the same key, then another key, then none, all see one booking', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 900 });
      const lock = await openLock(t, { eventId: event.id, userId: 'buyer', seats: 2 });
      const key = uniqueKey('book-crash');
      const before = await consistencyReport(t);
      const spy = crashOnce(bookings, 'insertOrGet', false);

      expectOpaqueServerError(await requestBooking(t, lock.id, key));
      expect(spy).toHaveBeenCalledTimes(1);
      expect((await t.http().get(`/api/locks/${lock.id}`).expect(200)).body.status).toBe('CONSUMED');

      const sameKey = await requestBooking(t, lock.id, key);
      expect([200, 201]).toContain(sameKey.status);
      expect(sameKey.headers['idempotent-replayed']).toBeUndefined();
      expect(sameKey.body).toMatchObject({
        seatLockId: lock.id,
        eventId: event.id,
        userId: 'buyer',
        seats: 2,
        amount: 1800,
        status: 'PENDING_PAYMENT',
      });
      const otherKey = await requestBooking(t, lock.id, uniqueKey('book-other')).expect(200);
      const noKey = await requestBooking(t, lock.id).expect(200);
      expect(otherKey.body).toEqual(sameKey.body);
      expect(noKey.body).toEqual(sameKey.body);
      expect((await t.http().get(`/api/bookings/${sameKey.body.id}`).expect(200)).body).toEqual(sameKey.body);

      expect(await availableSeats(t, event.id)).toBe(8);
      expect(await audit(t, { bookingId: sameKey.body.id, action: 'BOOKING_CREATED' })).toHaveLength(1);
      expect(await audit(t, { lockId: lock.id, action: 'LOCK_CONSUMED' })).toHaveLength(1);
      const after = await consistencyReport(t);
      expect(after.bookings).toBe(before.bookings + 1);
      expect(after.violations).toEqual([]);
    });

    it('answer lost after the insert: a retry with another key, then the original key, see the one booking', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 250 });
      const lock = await openLock(t, { eventId: event.id, seats: 3 });
      const key = uniqueKey('book-lost');
      const before = await consistencyReport(t);
      const spy = crashOnce(bookings, 'insertOrGet', true);

      expectOpaqueServerError(await requestBooking(t, lock.id, key));
      expect(spy).toHaveBeenCalledTimes(1);

      const otherKey = await requestBooking(t, lock.id, uniqueKey('book-other')).expect(200);
      expect(otherKey.body).toMatchObject({ seatLockId: lock.id, seats: 3, amount: 750, status: 'PENDING_PAYMENT' });
      const sameKey = await requestBooking(t, lock.id, key);
      expect([200, 201]).toContain(sameKey.status);
      expect(sameKey.body).toEqual(otherKey.body);

      expect(await availableSeats(t, event.id)).toBe(7);
      expect(await audit(t, { bookingId: otherKey.body.id, action: 'BOOKING_CREATED' })).toHaveLength(1);
      const after = await consistencyReport(t);
      expect(after.bookings).toBe(before.bookings + 1);
      expect(after.violations).toEqual([]);
    });
  });

  describe('BookingsService.cancel: the booking is CANCELLED, then returning its seats fails', () => {
    it.each([
      ['before the seats are returned', false],
      ['after the seats were returned (answer lost)', true],
    ])('%s: the retry answers CANCELLED and the seats come back once', async (_label, releaseFirst) => {
      const event = await createEvent(t, { totalSeats: 10, price: 400 });
      const lock = await openLock(t, { eventId: event.id, seats: 5 });
      const booking = await confirmLock(t, lock.id);
      expect(await availableSeats(t, event.id)).toBe(5);
      const key = uniqueKey('cancel-crash');
      const spy = crashOnce(events, 'giveSeatsBack', releaseFirst);

      expectOpaqueServerError(await requestCancel(t, booking.id, { key, reason: 'crash test' }));
      expect(spy).toHaveBeenCalledTimes(1);

      const retried = await requestCancel(t, booking.id, { key, reason: 'crash test' }).expect(200);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(retried.body).toMatchObject({
        id: booking.id,
        status: 'CANCELLED',
        refund: { amount: 0, policy: 'UNPAID' },
      });
      expect(await availableSeats(t, event.id)).toBe(10);

      const again = await requestCancel(t, booking.id, { key: uniqueKey('cancel-other') }).expect(200);
      expect(again.body).toEqual(retried.body);
      await requestCancel(t, booking.id).expect(200);
      expect(await availableSeats(t, event.id)).toBe(10);

      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });
  });
});

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/**
 * Makes the next call of `target[method]` fail with an injected crash: before it does anything, or, with
 * `afterWrite`, once the real call went through (its answer is lost). Answers the spy, restored after each test.
 */
function crashOnce<M extends string>(target: Record<M, AsyncMethod>, method: M, afterWrite: boolean): jest.SpyInstance {
  const real = target[method].bind(target);
  const spy = jest.spyOn(target as Record<string, AsyncMethod>, method);
  if (afterWrite) {
    spy.mockImplementationOnce(async (...args) => {
      await real(...args);
      throw new Error('injected crash');
    });
  } else {
    spy.mockRejectedValueOnce(new Error('injected crash'));
  }
  return spy;
}
