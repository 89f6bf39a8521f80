import {
  OBJECT_ID,
  PROBLEM_JSON,
  audit,
  availableSeats,
  confirmLock,
  consistency,
  consistencyReport,
  countStatuses,
  createEvent,
  openLock,
  releaseLock,
  requestBooking,
  requestCancel,
  requestLock,
  uniqueKey,
  type BookingBody,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

describe('Bookings (e2e)', () => {
  const t = useTestApp();

  describe('POST /api/bookings', () => {
    it('turns an ACTIVE lock into a PENDING_PAYMENT booking priced seats × price, keeping the seats held', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 2500 });
      const lock = await openLock(t, { eventId: event.id, userId: 'buyer-1', seats: 3 });
      const correlationId = uniqueKey('corr-confirm');

      const res = await requestBooking(t, lock.id, uniqueKey('confirm'), correlationId).expect(201);

      expect(res.body).toEqual({
        id: expect.stringMatching(OBJECT_ID),
        seatLockId: lock.id,
        eventId: event.id,
        userId: 'buyer-1',
        seats: 3,
        amount: 7500,
        status: 'PENDING_PAYMENT',
        expiresAt: expect.any(String),
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(await availableSeats(t, event.id)).toBe(7);
      expect((await t.http().get(`/api/locks/${lock.id}`).expect(200)).body.status).toBe('CONSUMED');

      const consumed = await audit(t, { lockId: lock.id, action: 'LOCK_CONSUMED' });
      expect(consumed).toEqual([expect.objectContaining({ fromState: 'ACTIVE', toState: 'CONSUMED', correlationId })]);
      const created = await audit(t, { bookingId: res.body.id, action: 'BOOKING_CREATED' });
      expect(created).toEqual([
        expect.objectContaining({
          bookingId: res.body.id,
          lockId: lock.id,
          fromState: null,
          toState: 'PENDING_PAYMENT',
          correlationId,
        }),
      ]);
      expect(await consistency(t)).toEqual([]);
    });

    it('answers a second confirmation of the same lock, with another key or none, with 200 and the same booking', async () => {
      const event = await createEvent(t, { totalSeats: 5, price: 100 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      const booking = await confirmLock(t, lock.id, uniqueKey('first'));

      const otherKey = await requestBooking(t, lock.id, uniqueKey('second')).expect(200);
      const noKey = await requestBooking(t, lock.id).expect(200);
      const headerKey = await t
        .http()
        .post('/api/bookings')
        .set('Idempotency-Key', uniqueKey('third'))
        .send({ seatLockId: lock.id })
        .expect(200);

      for (const res of [otherKey, noKey, headerKey]) expect(res.body).toEqual(booking);
      expect(await availableSeats(t, event.id)).toBe(3);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CREATED' })).toHaveLength(1);
      const report = await consistencyReport(t);
      expect(report.violations).toEqual([]);
    });

    it('replays the same key with Idempotent-Replayed and records the retry against the original correlation id', async () => {
      const event = await createEvent(t, { totalSeats: 5, price: 300 });
      const lock = await openLock(t, { eventId: event.id, seats: 1 });
      const key = uniqueKey('replay');
      const originalCorrelation = uniqueKey('corr-orig');
      const retryCorrelation = uniqueKey('corr-retry');

      const first = await requestBooking(t, lock.id, key, originalCorrelation).expect(201);
      const second = await requestBooking(t, lock.id, key, retryCorrelation).expect(201);

      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      const retries = await audit(t, { bookingId: first.body.id, action: 'REQUEST_RETRY' });
      expect(retries).toEqual([
        expect.objectContaining({
          bookingId: first.body.id,
          correlationId: retryCorrelation,
          metadata: expect.objectContaining({ isRetry: true, originalCorrelationId: originalCorrelation }),
        }),
      ]);
      expect((await audit(t, { bookingId: first.body.id, isRetry: true })).map((e) => e.id)).toEqual(
        retries.map((e) => e.id),
      );
      expect(await consistency(t)).toEqual([]);
    });

    it('refuses to confirm a released lock with 409 and creates no booking', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      await releaseLock(t, lock.id).expect(200);
      const before = await consistencyReport(t);

      const res = await requestBooking(t, lock.id, uniqueKey('late')).expect(409);

      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 409, code: 'LOCK.NOT_ACTIVE' });
      expect(await availableSeats(t, event.id)).toBe(5);
      const after = await consistencyReport(t);
      expect(after.bookings).toBe(before.bookings);
      expect(after.violations).toEqual([]);
    });

    it('answers 404 for an unknown lock', async () => {
      const res = await requestBooking(t, '0123456789abcdef01234567', uniqueKey('ghost')).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it.each<[string, Record<string, unknown>]>([
      ['a lock id that is not an id', { seatLockId: 'nope' }],
      ['a missing lock id', {}],
      ['an operator as the lock id', { seatLockId: { $ne: null } }],
      ['an unknown field', { seatLockId: '0123456789abcdef01234567', extra: 1 }],
    ])('refuses %s with 400', async (_label, body) => {
      const res = await t.http().post('/api/bookings').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('refuses a key reused for another lock with 422 IDEMPOTENCY.KEY_REUSED and books nothing', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const a = await openLock(t, { eventId: event.id, seats: 1 });
      const b = await openLock(t, { eventId: event.id, seats: 1 });
      const key = uniqueKey('reuse');
      const booking = await confirmLock(t, a.id, key);

      const res = await requestBooking(t, b.id, key).expect(422);

      expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
      expect(JSON.stringify(res.body)).not.toContain(booking.id);
      expect((await t.http().get(`/api/locks/${b.id}`).expect(200)).body.status).toBe('ACTIVE');
      expect(await consistency(t)).toEqual([]);
    });

    it('scopes keys per endpoint: a key used for a lock can also confirm a booking', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const key = uniqueKey('shared');
      const lock = await openLock(t, { eventId: event.id, seats: 1, key });
      const res = await requestBooking(t, lock.id, key).expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body.seatLockId).toBe(lock.id);
    });
  });

  describe('GET /api/bookings/:id', () => {
    it('reads a booking back', async () => {
      const event = await createEvent(t, { totalSeats: 5, price: 40 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      const booking = await confirmLock(t, lock.id);
      const res = await t.http().get(`/api/bookings/${booking.id}`).expect(200);
      expect(res.body).toEqual(booking);
    });

    it('answers 404 problem+json for an unknown booking', async () => {
      const res = await t.http().get('/api/bookings/0123456789abcdef01234567').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('POST /api/bookings/:id/cancel', () => {
    it('cancels an unpaid booking with a zero UNPAID refund and returns its seats once', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 500 });
      const lock = await openLock(t, { eventId: event.id, seats: 4 });
      const booking = await confirmLock(t, lock.id);
      expect(await availableSeats(t, event.id)).toBe(6);
      const correlationId = uniqueKey('corr-cancel');

      const res = await requestCancel(t, booking.id, {
        reason: 'Cannot attend',
        key: uniqueKey('cancel'),
        correlationId,
      }).expect(200);

      expect(res.body).toMatchObject({
        id: booking.id,
        seatLockId: lock.id,
        eventId: event.id,
        seats: 4,
        amount: 2000,
        status: 'CANCELLED',
        refund: { amount: 0, policy: 'UNPAID' },
      });
      expect(await availableSeats(t, event.id)).toBe(10);
      expect((await t.http().get(`/api/bookings/${booking.id}`).expect(200)).body).toEqual(res.body);

      const cancelled = await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' });
      expect(cancelled).toEqual([
        expect.objectContaining({
          bookingId: booking.id,
          fromState: 'PENDING_PAYMENT',
          toState: 'CANCELLED',
          correlationId,
        }),
      ]);
      expect(await consistency(t)).toEqual([]);
    });

    it('answers a repeated cancel (no key, another key) with 200 and the same refund, moving nothing', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 500 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      const booking = await confirmLock(t, lock.id);
      const first = await requestCancel(t, booking.id, { key: uniqueKey('c1') }).expect(200);
      expect(await availableSeats(t, event.id)).toBe(10);

      const noKey = await requestCancel(t, booking.id).expect(200);
      const otherKey = await requestCancel(t, booking.id, { key: uniqueKey('c2') }).expect(200);

      for (const res of [noKey, otherKey]) {
        expect(res.body).toEqual(first.body);
        expect(res.body.refund).toEqual(first.body.refund);
      }
      expect(await availableSeats(t, event.id)).toBe(10);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });

    it('replays a cancel with the same key and refuses the key with another reason (422)', async () => {
      const event = await createEvent(t, { totalSeats: 3 });
      const lock = await openLock(t, { eventId: event.id, seats: 1 });
      const booking = await confirmLock(t, lock.id);
      const key = uniqueKey('cancel-replay');
      const originalCorrelation = uniqueKey('corr-orig');

      const first = await requestCancel(t, booking.id, {
        key,
        reason: 'ill',
        correlationId: originalCorrelation,
      }).expect(200);
      const replay = await requestCancel(t, booking.id, { key, reason: 'ill' }).expect(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);

      const reused = await requestCancel(t, booking.id, { key, reason: 'changed my mind' }).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

      const retries = await audit(t, { bookingId: booking.id, isRetry: true });
      expect(retries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'REQUEST_RETRY',
            metadata: expect.objectContaining({ isRetry: true, originalCorrelationId: originalCorrelation }),
          }),
        ]),
      );
      expect(await availableSeats(t, event.id)).toBe(3);
      expect(await consistency(t)).toEqual([]);
    });

    it('returns the seats once when the same booking is cancelled 10 times concurrently', async () => {
      const event = await createEvent(t, { totalSeats: 9 });
      const lock = await openLock(t, { eventId: event.id, seats: 5 });
      const booking = await confirmLock(t, lock.id);

      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          requestCancel(t, booking.id, i % 2 === 0 ? {} : { key: uniqueKey(`cc-${i}`) }),
        ),
      );

      expect(countStatuses(answers)).toEqual({ 200: 10 });
      for (const res of answers)
        expect(res.body).toMatchObject({
          id: booking.id,
          status: 'CANCELLED',
          refund: { amount: 0, policy: 'UNPAID' },
        });
      expect(await availableSeats(t, event.id)).toBe(9);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });

    it('answers 404 for an unknown booking', async () => {
      const res = await requestCancel(t, '0123456789abcdef01234567').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('concurrent confirmation', () => {
    it('makes exactly one booking when one lock is confirmed 10 times concurrently with different keys and none', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 1200 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      const before = await consistencyReport(t);

      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          requestBooking(t, lock.id, i % 3 === 0 ? undefined : uniqueKey(`confirm-${i}`)),
        ),
      );

      const ok = answers.filter((res) => res.status === 200 || res.status === 201);
      expect(ok).toHaveLength(10);
      expect(countStatuses(answers)[201]).toBe(1);
      expect(new Set(ok.map((res) => res.body.id)).size).toBe(1);
      for (const res of ok)
        expect(res.body).toMatchObject({ seatLockId: lock.id, amount: 2400, status: 'PENDING_PAYMENT' });
      expect(await availableSeats(t, event.id)).toBe(8);
      expect(await audit(t, { bookingId: ok[0].body.id, action: 'BOOKING_CREATED' })).toHaveLength(1);
      const after = await consistencyReport(t);
      expect(after.bookings).toBe(before.bookings + 1);
      expect(after.violations).toEqual([]);
    });
  });

  describe('lifecycle: seats move exactly once and wrong transitions get 409', () => {
    it('release twice, confirm after release, release after consume, cancel twice', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 700 });
      const seats = () => availableSeats(t, event.id);
      const clean = async () => expect(await consistency(t)).toEqual([]);

      // A lock that is released twice gives its seats back once.
      const a = await openLock(t, { eventId: event.id, seats: 3 });
      expect(await seats()).toBe(7);
      await clean();
      expect((await releaseLock(t, a.id).expect(200)).body.status).toBe('RELEASED');
      expect(await seats()).toBe(10);
      await clean();
      expect((await releaseLock(t, a.id).expect(200)).body.status).toBe('RELEASED');
      expect(await seats()).toBe(10);
      await clean();

      // A released lock cannot be confirmed.
      expect((await requestBooking(t, a.id, uniqueKey('late')).expect(409)).body.code).toBe('LOCK.NOT_ACTIVE');
      await requestBooking(t, a.id).expect(409);
      expect(await seats()).toBe(10);
      await clean();

      // A consumed lock cannot be released: the booking owns its seats now.
      const b = await openLock(t, { eventId: event.id, seats: 4 });
      expect(await seats()).toBe(6);
      const booking: BookingBody = await confirmLock(t, b.id, uniqueKey('book'));
      expect(booking.amount).toBe(2800);
      expect(await seats()).toBe(6);
      await clean();
      expect((await releaseLock(t, b.id).expect(409)).body.code).toBe('LOCK.NOT_ACTIVE');
      expect(await seats()).toBe(6);
      await clean();

      // Cancelling twice returns the seats once.
      const first = await requestCancel(t, booking.id, { key: uniqueKey('cancel') }).expect(200);
      expect(first.body).toMatchObject({ status: 'CANCELLED', refund: { amount: 0, policy: 'UNPAID' } });
      expect(await seats()).toBe(10);
      await clean();
      const second = await requestCancel(t, booking.id, { key: uniqueKey('cancel') }).expect(200);
      expect(second.body).toEqual(first.body);
      expect(await seats()).toBe(10);
      await clean();

      // The consumed lock stays consumed, and releasing it still changes nothing.
      expect((await t.http().get(`/api/locks/${b.id}`).expect(200)).body.status).toBe('CONSUMED');
      await releaseLock(t, b.id).expect(409);
      expect(await seats()).toBe(10);

      // The whole event can still be locked: no seat was lost or duplicated.
      const all = await requestLock(t, { eventId: event.id, seats: 10 }).expect(201);
      expect(all.body.status).toBe('ACTIVE');
      expect(await seats()).toBe(0);
      await requestLock(t, { eventId: event.id, seats: 1 }).expect(409);
      await clean();
    });
  });
});
