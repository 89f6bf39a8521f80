import {
  audit,
  idempotencyRecords,
  seedPaymentClaim,
  countStatuses,
  createEvent,
  expectConsistent,
  expectProblem,
  getBooking,
  getEvent,
  ledger,
  moneyMoved,
  OBJECT_ID,
  pay,
  payableBooking,
  requestLock,
  uniqueKey,
  type PaymentBody,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

describe('Idempotency (e2e)', () => {
  const t = useTestApp();

  describe('seat lock replays', () => {
    it('answers a lock sent twice with the same key with the same lock and takes the seats once', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 100 });
      const key = uniqueKey('lock');
      const firstCorrelation = uniqueKey('lock-first');
      const secondCorrelation = uniqueKey('lock-second');

      const first = await requestLock(t, { eventId: event.id, seats: 3, key, correlationId: firstCorrelation });
      const second = await requestLock(t, { eventId: event.id, seats: 3, key, correlationId: secondCorrelation });

      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        id: expect.stringMatching(OBJECT_ID),
        status: 'ACTIVE',
        seats: 3,
        idempotencyKey: key,
      });
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect((await getEvent(t, event.id)).availableSeats).toBe(7);

      const retries = await audit(t, { lockId: first.body.id, action: 'REQUEST_RETRY' });
      expect(retries).toEqual([
        expect.objectContaining({
          lockId: first.body.id,
          correlationId: secondCorrelation,
          metadata: expect.objectContaining({ isRetry: true, originalCorrelationId: firstCorrelation }),
        }),
      ]);
      await expectConsistent(t);
    });

    it('answers ten concurrent locks with the same key with one lock and takes the seats once', async () => {
      const event = await createEvent(t, { totalSeats: 10, price: 100 });
      const key = uniqueKey('lock');

      const responses = await Promise.all(
        Array.from({ length: 10 }, () => requestLock(t, { eventId: event.id, seats: 2, key })),
      );

      const ok = responses.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const res of responses.filter((r) => r.status !== 201)) expectProblem(res, 409, 'IDEMPOTENCY.IN_PROGRESS');
      expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
      for (const res of ok) expect(res.body).toEqual(ok[0].body);
      expect(ok.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect((await getEvent(t, event.id)).availableSeats).toBe(8);
      await expectConsistent(t);
    });

    it('keeps keys apart per endpoint: the same string on a lock and on a payment are two keys', async () => {
      const { booking } = await payableBooking(t, { price: 400, seats: 1 });
      const shared = uniqueKey('shared');
      const event = await createEvent(t, { totalSeats: 5, price: 400 });

      const lock = await requestLock(t, { eventId: event.id, seats: 1, key: shared });
      const payment = await pay(t, { bookingId: booking.id, amount: 400, key: shared });

      expect(lock.status).toBe(201);
      expect(payment.status).toBe(201);
      expect(payment.headers['idempotent-replayed']).toBeUndefined();
      expect(payment.body).toMatchObject({ status: 'SUCCEEDED', isRetry: false });
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
      await expectConsistent(t);
    });
  });

  describe('concurrent identical payments', () => {
    it('executes 25 simultaneous requests with one key once: one charge, one confirmation, one original answer', async () => {
      const { booking } = await payableBooking(t, { price: 2200, seats: 2 });
      const key = uniqueKey('storm');

      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          pay(t, { bookingId: booking.id, amount: 4400, key, correlationId: `${key}-c${i}` }),
        ),
      );

      const statuses = countStatuses(responses);
      expect(statuses[201]).toBeGreaterThanOrEqual(1);
      expect((statuses[201] ?? 0) + (statuses[409] ?? 0)).toBe(25);
      for (const res of responses.filter((r) => r.status === 409)) {
        expectProblem(res, 409, 'IDEMPOTENCY.IN_PROGRESS');
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }

      const answers = responses.filter((r) => r.status === 201);
      const bodies = answers.map((r) => r.body as PaymentBody);
      const originals = answers.filter((r) => r.body.isRetry === false);
      expect(originals).toHaveLength(1);
      expect(originals[0].headers['idempotent-replayed']).toBeUndefined();
      const { isRetry: _flag, ...expected } = bodies[0];
      expect(expected).toEqual({
        attemptId: expect.stringMatching(OBJECT_ID),
        bookingId: booking.id,
        amount: 4400,
        status: 'SUCCEEDED',
        bookingStatus: 'CONFIRMED',
      });
      for (const body of bodies) expect(body).toEqual({ ...expected, isRetry: body.isRetry });
      const replays = answers.filter((r) => r.body.isRetry === true);
      for (const res of replays) expect(res.headers['idempotent-replayed']).toBe('true');

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect(await ledger(t, booking.id)).toHaveLength(1);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CONFIRMED' })).toHaveLength(1);
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toHaveLength(1);
      const retryEntries = await audit(t, { bookingId: booking.id, action: 'PAYMENT_RETRY' });
      expect(retryEntries).toHaveLength(replays.length);
      for (const entry of retryEntries) {
        expect(entry.metadata).toMatchObject({
          isRetry: true,
          originalAttemptId: expected.attemptId,
          originalCorrelationId: originals[0].headers['x-correlation-id'],
        });
      }
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
      await expectConsistent(t);
    });
  });

  describe('a key reused with a different payload', () => {
    it('refuses another amount, another booking or another force with 422 KEY_REUSED and reveals nothing stored', async () => {
      const { booking } = await payableBooking(t, { price: 1000, seats: 1 });
      const { booking: other } = await payableBooking(t, { price: 1000, seats: 1 });
      const key = uniqueKey('pay');
      const original = await pay(t, { bookingId: booking.id, amount: 1000, key });
      expect(original.status).toBe(201);

      const variants = [
        { bookingId: booking.id, amount: 1001, force: 'success' as const },
        { bookingId: other.id, amount: 1000, force: 'success' as const },
        { bookingId: booking.id, amount: 1000, force: 'failure' as const },
      ];
      for (const variant of variants) {
        const res = await pay(t, { ...variant, key });
        expectProblem(res, 422, 'IDEMPOTENCY.KEY_REUSED');
        expect(res.headers['idempotent-replayed']).toBeUndefined();
        expect(res.body).not.toHaveProperty('attemptId');
        expect(JSON.stringify(res.body)).not.toContain(original.body.attemptId);
      }

      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
      expect(await ledger(t, other.id)).toEqual([]);
      expect((await getBooking(t, other.id)).status).toBe('PENDING_PAYMENT');

      // The stored answer is intact: the original request still replays.
      const replay = await pay(t, { bookingId: booking.id, amount: 1000, key });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual({ ...original.body, isRetry: true });
      await expectConsistent(t);
    });

    it('treats a payload that differs only in key order as the same request', async () => {
      const { booking } = await payableBooking(t, { price: 600, seats: 1 });
      const key = uniqueKey('pay');
      const first = await t
        .http()
        .post('/api/payments/intent')
        .send({ bookingId: booking.id, amount: 600, force: 'success', idempotencyKey: key });
      const second = await t
        .http()
        .post('/api/payments/intent')
        .send({ idempotencyKey: key, force: 'success', amount: 600, bookingId: booking.id });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual({ ...first.body, isRetry: true });
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
    });

    it('refuses an amount mismatch under a fresh key with 400 and moves no money', async () => {
      const { booking } = await payableBooking(t, { price: 750, seats: 2 });
      const res = await pay(t, { bookingId: booking.id, amount: 1499, key: uniqueKey('pay') });
      expectProblem(res, 400);
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
      await expectConsistent(t);
    });
  });

  describe('where the payment key comes from', () => {
    it('accepts the key from the Idempotency-Key header alone and replays it', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const key = uniqueKey('hdr');
      const first = await pay(t, { bookingId: booking.id, amount: 300, headerKey: key });
      const second = await pay(t, { bookingId: booking.id, amount: 300, headerKey: key });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'SUCCEEDED', isRetry: false });
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual({ ...first.body, isRetry: true });
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
    });

    it('accepts the key from the body field alone', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const res = await pay(t, { bookingId: booking.id, amount: 300, key: uniqueKey('body') });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'SUCCEEDED', isRetry: false });
    });

    it('treats the header and the body field with the same value as one key', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const key = uniqueKey('same');
      const viaHeader = await pay(t, { bookingId: booking.id, amount: 300, headerKey: key });
      const viaBody = await pay(t, { bookingId: booking.id, amount: 300, key });
      const viaBoth = await pay(t, { bookingId: booking.id, amount: 300, key, headerKey: key });
      expect(viaHeader.status).toBe(201);
      for (const res of [viaBody, viaBoth]) {
        expect(res.status).toBe(201);
        expect(res.headers['idempotent-replayed']).toBe('true');
        expect(res.body).toEqual({ ...viaHeader.body, isRetry: true });
      }
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
    });

    it('refuses a header key and a body key that differ with 400 and charges nothing', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const res = await pay(t, {
        bookingId: booking.id,
        amount: 300,
        key: uniqueKey('body'),
        headerKey: uniqueKey('hdr'),
      });
      expectProblem(res, 400);
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
    });

    it.each([
      ['an empty key', ''],
      ['a key longer than 255 characters', 'k'.repeat(256)],
      ['a key with a control character', 'bad\nkey'],
      ['a key with a non-ASCII character', 'clé-1'],
    ])('refuses %s with 400 and charges nothing', async (_label, key) => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const res = await pay(t, { bookingId: booking.id, amount: 300, key });
      expectProblem(res, 400);
      expect(await ledger(t, booking.id)).toEqual([]);
    });

    it.each([
      ['a trailing space', (key: string) => `${key} `],
      ['a leading space', (key: string) => ` ${key}`],
    ])(
      'refuses a body key with %s with 400 and holds no seats: it would be another key than its header form',
      async (_label, pad) => {
        const event = await createEvent(t, { totalSeats: 10 });
        const key = uniqueKey('padded');
        const res = await t
          .http()
          .post('/api/locks')
          .send({ eventId: event.id, userId: 'u', seats: 2, idempotencyKey: pad(key) });
        expectProblem(res, 400);
        expect(await getEvent(t, event.id)).toMatchObject({ availableSeats: 10 });
        expect(await idempotencyRecords(t).countDocuments({ key: pad(key) })).toBe(0);
      },
    );

    it('reads a header key without the spaces HTTP puts around it: the same key as in the body', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('spaced');
      const lock = { eventId: event.id, userId: 'u', seats: 2 };
      const viaHeader = await t.http().post('/api/locks').set('Idempotency-Key', `  ${key}  `).send(lock).expect(201);
      const viaBody = await t
        .http()
        .post('/api/locks')
        .send({ ...lock, idempotencyKey: key })
        .expect(201);
      expect(viaBody.headers['idempotent-replayed']).toBe('true');
      expect(viaBody.body).toEqual(viaHeader.body);
      expect(viaHeader.body.idempotencyKey).toBe(key);
      expect(await getEvent(t, event.id)).toMatchObject({ availableSeats: 8 });
    });

    it.each([
      ['two different keys', ['a', 'b']],
      ['the same key twice', ['a', 'a']],
    ])('refuses two Idempotency-Key headers (%s) with 400 and holds no seats', async (_label, values) => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('twice');
      const res = await t
        .http()
        .post('/api/locks')
        // Node sends an array value as one header line per element; the typings allow it for Cookie only.
        .set('Idempotency-Key', values.map((value) => `${key}-${value}`) as unknown as string)
        .send({ eventId: event.id, userId: 'u', seats: 2 });
      expectProblem(res, 400, 'IDEMPOTENCY.KEY_INVALID');
      expect(await getEvent(t, event.id)).toMatchObject({ availableSeats: 10 });
    });

    it('accepts a key of exactly 255 printable characters', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const key = `${uniqueKey('long')}-`.padEnd(255, '~');
      const res = await pay(t, { bookingId: booking.id, amount: 300, key });
      expect(res.status).toBe(201);
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
    });

    it('refuses a payment without any key with 400 and charges nothing', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      const res = await pay(t, { bookingId: booking.id, amount: 300 });
      expectProblem(res, 400);
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
      await expectConsistent(t);
    });
  });

  describe('a key claimed by a request that is gone or still running', () => {
    it('takes over a claim whose lease ran out, pays once, and replays that answer afterwards', async () => {
      const { booking } = await payableBooking(t, { price: 1300, seats: 1 });
      const key = uniqueKey('orphan');
      const body = { bookingId: booking.id, amount: 1300, force: 'success' };
      // Past its lease by more than the clock skew tolerated between instances (2 s by default).
      await seedPaymentClaim(t, key, body, new Date(Date.now() - 60_000));

      const taken = await t
        .http()
        .post('/api/payments/intent')
        .send({ ...body, idempotencyKey: key });
      expect(taken.status).toBe(201);
      expect(taken.body).toMatchObject({
        bookingId: booking.id,
        amount: 1300,
        status: 'SUCCEEDED',
        bookingStatus: 'CONFIRMED',
      });
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);

      const replay = await t
        .http()
        .post('/api/payments/intent')
        .send({ ...body, idempotencyKey: key });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ ...taken.body, isRetry: true });

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
      const record = await idempotencyRecords(t).findOne({ _id: `payments.intent ${key}` as unknown as never });
      expect(record).toMatchObject({ state: 'COMPLETED' });
      expect(record!.leaseToken).not.toBe('dead');
      // The takeover is audited as a retry of the request that died.
      const retries = await audit(t, { bookingId: booking.id, isRetry: true });
      expect(retries.some((e) => e.metadata.originalCorrelationId === 'dead-request')).toBe(true);
      await expectConsistent(t);
    });

    it('answers 409 IDEMPOTENCY.IN_PROGRESS with Retry-After while a live claim holds the key, and charges nothing', async () => {
      const { booking } = await payableBooking(t, { price: 1300, seats: 1 });
      const key = uniqueKey('busy');
      const body = { bookingId: booking.id, amount: 1300, force: 'success' };
      await seedPaymentClaim(t, key, body, new Date(Date.now() + 60_000));

      const res = await t
        .http()
        .post('/api/payments/intent')
        .send({ ...body, idempotencyKey: key });
      expectProblem(res, 409, 'IDEMPOTENCY.IN_PROGRESS');
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.body).not.toHaveProperty('attemptId');

      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toEqual([]);
      const record = await idempotencyRecords(t).findOne({ _id: `payments.intent ${key}` as unknown as never });
      expect(record).toMatchObject({ state: 'IN_PROGRESS', leaseToken: 'dead', correlationId: 'dead-request' });
      await expectConsistent(t);
    });

    it('refuses a different payload under a live claim with 422, not 409', async () => {
      const { booking } = await payableBooking(t, { price: 1300, seats: 1 });
      const key = uniqueKey('busy');
      await seedPaymentClaim(
        t,
        key,
        { bookingId: booking.id, amount: 1300, force: 'success' },
        new Date(Date.now() + 60_000),
      );

      const res = await pay(t, { bookingId: booking.id, amount: 1300, force: 'failure', key });
      expectProblem(res, 422, 'IDEMPOTENCY.KEY_REUSED');
      expect(await ledger(t, booking.id)).toEqual([]);
    });
  });
});
