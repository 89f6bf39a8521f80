import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { fingerprint } from '../src/idempotency/fingerprint';
import { IdempotencyClaims } from '../src/idempotency/idempotency-claims';
import {
  audit,
  availableSeats,
  createEvent,
  expectConsistent,
  expectOpaqueServerError,
  expectProblem,
  future,
  getLock,
  idempotencyRecords,
  moneyMoved,
  openLock,
  pay,
  payableBooking,
  releaseLock,
  requestBooking,
  requestCancel,
  requestLock,
  runJob,
  uniqueKey,
  type AuditEntryBody,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

/**
 * A handler that can run twice must be idempotent by its own data (docs/architecture.md). The claim on a
 * key is given back whenever storing the answer fails (a lost 5xx), and taken over when its holder stops
 * renewing it; either way the handler runs again under the same key. Each write route is run twice here
 * exactly so: the first run's effect is written, its answer is lost (500) and its claim released, then the
 * same request comes again — and there is still one effect.
 */
describe('Every write route run twice under one key (e2e)', () => {
  const t = useTestApp();
  let db: Connection;

  beforeAll(() => {
    db = t.app.get<Connection>(getConnectionToken());
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** The next answer is lost after its handler ran: storing it fails, so the claim is released and the client sees 500. */
  function loseNextAnswer(): jest.SpyInstance {
    return jest
      .spyOn(t.app.get(IdempotencyClaims), 'complete')
      .mockRejectedValueOnce(new Error('injected crash: the answer was lost'));
  }

  const retriesBy = async (correlationId: string): Promise<AuditEntryBody[]> =>
    (await audit(t, { action: 'REQUEST_RETRY', isRetry: true })).filter((e) => e.correlationId === correlationId);

  it('POST /api/events: the second run answers the first event, and one event exists', async () => {
    const key = uniqueKey('event-twice');
    const name = uniqueKey('Twice');
    const body = { name, totalSeats: 30, price: 700, startsAt: future(10), idempotencyKey: key };
    loseNextAnswer();
    expectOpaqueServerError(await t.http().post('/api/events').send(body));

    const retryCorrelation = uniqueKey('event-retry');
    const retried = await t.http().post('/api/events').set('X-Correlation-Id', retryCorrelation).send(body);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ name, totalSeats: 30, availableSeats: 30, price: 700 });
    expect(await db.collection('events').countDocuments({ name })).toBe(1);
    expect(await retriesBy(retryCorrelation)).toEqual([
      expect.objectContaining({ eventId: retried.body.id, metadata: expect.objectContaining({ repeated: true }) }),
    ]);

    const replay = await t.http().post('/api/events').send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retried.body);
  });

  it('POST /api/events: another event under the key of one whose answer was lost is refused, nothing written', async () => {
    const key = uniqueKey('event-reused');
    const name = uniqueKey('Reused');
    const body = { name, totalSeats: 5, price: 100, startsAt: future(10), idempotencyKey: key };
    loseNextAnswer();
    expectOpaqueServerError(await t.http().post('/api/events').send(body));

    expectProblem(
      await t
        .http()
        .post('/api/events')
        .send({ ...body, totalSeats: 6 }),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
    expect(await db.collection('events').countDocuments({ name })).toBe(1);
  });

  it('POST /api/locks: the second run answers the lock the first stored, seats taken once, audited as a retry', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const key = uniqueKey('lock-twice');
    loseNextAnswer();
    expectOpaqueServerError(await requestLock(t, { eventId: event.id, seats: 3, key }));

    const retryCorrelation = uniqueKey('lock-retry');
    const retried = await requestLock(t, { eventId: event.id, seats: 3, key, correlationId: retryCorrelation });
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ status: 'ACTIVE', seats: 3, idempotencyKey: key });
    expect(await availableSeats(t, event.id)).toBe(7);
    expect(await audit(t, { lockId: retried.body.id, action: 'LOCK_CREATED' })).toHaveLength(1);
    expect(await retriesBy(retryCorrelation)).toEqual([
      expect.objectContaining({ lockId: retried.body.id, metadata: expect.objectContaining({ repeated: true }) }),
    ]);
    await expectConsistent(t);
  });

  it('DELETE /api/locks/:id: the second run answers RELEASED, seats returned once, audited as a retry', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const lock = await openLock(t, { eventId: event.id, seats: 4 });
    const key = uniqueKey('release-twice');
    loseNextAnswer();
    expectOpaqueServerError(await t.http().delete(`/api/locks/${lock.id}`).send({ idempotencyKey: key }));

    const retryCorrelation = uniqueKey('release-retry');
    const retried = await t
      .http()
      .delete(`/api/locks/${lock.id}`)
      .set('X-Correlation-Id', retryCorrelation)
      .send({ idempotencyKey: key });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ...lock, status: 'RELEASED' });
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await audit(t, { lockId: lock.id, action: 'LOCK_RELEASED' })).toHaveLength(1);
    expect(await retriesBy(retryCorrelation)).toEqual([
      expect.objectContaining({ lockId: lock.id, metadata: expect.objectContaining({ repeated: true }) }),
    ]);
    await expectConsistent(t);
  });

  it('POST /api/bookings: the second run answers the booking the first made (200), one booking', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const lock = await openLock(t, { eventId: event.id, seats: 2 });
    const key = uniqueKey('booking-twice');
    loseNextAnswer();
    expectOpaqueServerError(await requestBooking(t, lock.id, key));

    const retryCorrelation = uniqueKey('booking-retry');
    const retried = await requestBooking(t, lock.id, key, retryCorrelation);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ seatLockId: lock.id, status: 'PENDING_PAYMENT' });
    expect(await db.collection('bookings').countDocuments({ seatLockId: lock.id })).toBe(1);
    expect(await audit(t, { bookingId: retried.body.id, action: 'BOOKING_CREATED' })).toHaveLength(1);
    expect(await retriesBy(retryCorrelation)).toHaveLength(1);
    expect(await availableSeats(t, event.id)).toBe(8);
    await expectConsistent(t);
  });

  it('POST /api/bookings/:id/cancel: the second run answers CANCELLED, seats returned once, audited as a retry', async () => {
    const { event, booking } = await payableBooking(t, { seats: 2 });
    const key = uniqueKey('cancel-twice');
    loseNextAnswer();
    expectOpaqueServerError(await requestCancel(t, booking.id, { key }));

    const retryCorrelation = uniqueKey('cancel-retry');
    const retried = await requestCancel(t, booking.id, { key, correlationId: retryCorrelation });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: booking.id, status: 'CANCELLED' });
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
    expect(await retriesBy(retryCorrelation)).toEqual([
      expect.objectContaining({ bookingId: booking.id, metadata: expect.objectContaining({ repeated: true }) }),
    ]);
    await expectConsistent(t);
  });

  it('POST /api/payments/intent: the second run answers the first attempt, one charge', async () => {
    const { booking } = await payableBooking(t, { price: 900, seats: 1 });
    const key = uniqueKey('pay-twice');
    loseNextAnswer();
    expectOpaqueServerError(await pay(t, { bookingId: booking.id, amount: 900, key }));

    const retried = await pay(t, { bookingId: booking.id, amount: 900, key });
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED', isRetry: true });
    const { charges, refunds } = await moneyMoved(t, booking.id);
    expect(charges).toHaveLength(1);
    expect(refunds).toEqual([]);
    expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toHaveLength(1);
    await expectConsistent(t);
  });

  it('POST /api/jobs/expire-locks: the second run finds nothing left to expire; each lock expires once', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const lock = await openLock(t, { eventId: event.id, seats: 3 });
    await db
      .collection('seat_locks')
      .updateOne({ idempotencyKey: lock.idempotencyKey }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const key = uniqueKey('job-twice');
    loseNextAnswer();
    expectOpaqueServerError(await t.http().post('/api/jobs/expire-locks').send({ idempotencyKey: key }));

    const retried = await t.http().post('/api/jobs/expire-locks').send({ idempotencyKey: key });
    expect(retried.status).toBe(200);
    expect((await getLock(t, lock.id)).status).toBe('EXPIRED');
    expect(await availableSeats(t, event.id)).toBe(10);
    expect(await audit(t, { lockId: lock.id, action: 'LOCK_EXPIRED' })).toHaveLength(1);
    await expectConsistent(t);
  });

  describe('a repeat under another key or none is audited as a retry', () => {
    it('cancel of a CANCELLED booking, with another key and with none', async () => {
      const { booking } = await payableBooking(t, { seats: 1 });
      await requestCancel(t, booking.id, { key: uniqueKey('cancel') }).expect(200);

      const otherKey = uniqueKey('cancel-other');
      const noKey = uniqueKey('cancel-none');
      await requestCancel(t, booking.id, { key: uniqueKey('cancel'), correlationId: otherKey }).expect(200);
      await requestCancel(t, booking.id, { correlationId: noKey }).expect(200);

      for (const correlationId of [otherKey, noKey]) {
        expect(await retriesBy(correlationId)).toEqual([
          expect.objectContaining({
            bookingId: booking.id,
            fromState: 'CANCELLED',
            toState: 'CANCELLED',
            metadata: expect.objectContaining({ repeated: true }),
          }),
        ]);
      }
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
    });

    it('release of a RELEASED lock, with another key and with none', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      const firstCorrelation = uniqueKey('release-first');
      await releaseLock(t, lock.id, firstCorrelation).expect(200);

      const otherKey = uniqueKey('release-other');
      const noKey = uniqueKey('release-none');
      await t
        .http()
        .delete(`/api/locks/${lock.id}`)
        .set('X-Correlation-Id', otherKey)
        .send({ idempotencyKey: uniqueKey('release') })
        .expect(200);
      await releaseLock(t, lock.id, noKey).expect(200);

      for (const correlationId of [otherKey, noKey]) {
        expect(await retriesBy(correlationId)).toEqual([
          expect.objectContaining({
            lockId: lock.id,
            fromState: 'RELEASED',
            toState: 'RELEASED',
            metadata: expect.objectContaining({ repeated: true }),
          }),
        ]);
      }
      // The original release is not a retry.
      expect(await retriesBy(firstCorrelation)).toEqual([]);
      expect(await availableSeats(t, event.id)).toBe(5);
    });
  });

  describe('a claim whose lease lapsed (its request died or paused)', () => {
    /** The claim a booking request leaves while it runs, its lease run out long ago: nobody renews it. */
    async function seedLapsedBookingClaim(key: string, seatLockId: string): Promise<void> {
      await idempotencyRecords(t).insertOne({
        _id: `bookings.create ${key}` as unknown as never,
        scope: 'bookings.create',
        key,
        fingerprint: fingerprint({ params: {}, body: { seatLockId } }),
        state: 'IN_PROGRESS',
        leaseToken: 'paused',
        leaseUntil: new Date(Date.now() - 3_600_000),
        correlationId: 'paused-request',
        createdAt: new Date(Date.now() - 3_600_000),
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    }

    it('is kept by the jobs with its fingerprint: another payload under the key is refused with 422', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const paused = await openLock(t, { eventId: event.id });
      const other = await openLock(t, { eventId: event.id });
      const key = uniqueKey('lapsed');
      await seedLapsedBookingClaim(key, paused.id);

      await runJob(t, 'expire-locks').expect(200);

      expect(await idempotencyRecords(t).findOne({ _id: `bookings.create ${key}` as unknown as never })).toMatchObject({
        state: 'IN_PROGRESS',
        correlationId: 'paused-request',
      });
      expectProblem(await requestBooking(t, other.id, key), 422, 'IDEMPOTENCY.KEY_REUSED');
      expect(await db.collection('bookings').countDocuments({ seatLockId: other.id })).toBe(0);
    });

    it('is taken over by the next send of the same request, audited as a retry of the request that died', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const lock = await openLock(t, { eventId: event.id });
      const key = uniqueKey('lapsed');
      await seedLapsedBookingClaim(key, lock.id);

      await runJob(t, 'expire-locks').expect(200);

      const retryCorrelation = uniqueKey('lapsed-retry');
      const taken = await requestBooking(t, lock.id, key, retryCorrelation).expect(201);
      expect(await retriesBy(retryCorrelation)).toEqual([
        expect.objectContaining({
          bookingId: taken.body.id,
          metadata: expect.objectContaining({ tookOver: true, originalCorrelationId: 'paused-request' }),
        }),
      ]);
    });
  });
});
