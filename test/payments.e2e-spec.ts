import { sleep } from './support/async';
import {
  actionsOf,
  audit,
  countStatuses,
  expectConsistent,
  expectProblem,
  getBooking,
  ledger,
  moneyMoved,
  OBJECT_ID,
  pay,
  payableBooking,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

describe('Payments (e2e)', () => {
  const t = useTestApp();

  describe('a successful payment', () => {
    it('charges the booking amount once, confirms the booking and audits each step', async () => {
      const { booking } = await payableBooking(t, { price: 2500, seats: 2 });
      const key = uniqueKey('pay');

      const res = await pay(t, { bookingId: booking.id, amount: 5000, key, correlationId: uniqueKey('corr') });

      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).toEqual({
        attemptId: expect.stringMatching(OBJECT_ID),
        bookingId: booking.id,
        amount: 5000,
        status: 'SUCCEEDED',
        bookingStatus: 'CONFIRMED',
        isRetry: false,
      });
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');

      const entries = await ledger(t, booking.id);
      expect(entries).toEqual([
        {
          id: expect.any(String),
          type: 'CHARGE',
          status: 'SUCCEEDED',
          bookingId: booking.id,
          amount: 5000,
          createdAt: expect.any(String),
        },
      ]);

      const trail = await audit(t, { bookingId: booking.id });
      expect(actionsOf(trail)).toEqual(
        expect.arrayContaining(['BOOKING_CREATED', 'PAYMENT_INITIATED', 'PAYMENT_SUCCEEDED', 'BOOKING_CONFIRMED']),
      );
      const confirmed = trail.filter((e) => e.action === 'BOOKING_CONFIRMED');
      expect(confirmed).toHaveLength(1);
      expect(confirmed[0]).toMatchObject({
        fromState: 'PENDING_PAYMENT',
        toState: 'CONFIRMED',
        correlationId: res.headers['x-correlation-id'],
      });
      await expectConsistent(t);
    });
  });

  describe('a payment sent twice with the same key and payload', () => {
    it('answers the second time with the stored response, flagged as a retry, and charges once', async () => {
      const { booking } = await payableBooking(t, { price: 1200, seats: 1 });
      const key = uniqueKey('pay');
      const firstCorrelation = uniqueKey('first');
      const secondCorrelation = uniqueKey('second');

      const first = await pay(t, { bookingId: booking.id, amount: 1200, key, correlationId: firstCorrelation });
      const second = await pay(t, { bookingId: booking.id, amount: 1200, key, correlationId: secondCorrelation });

      expect(first.status).toBe(201);
      expect(first.body.isRetry).toBe(false);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.headers['x-correlation-id']).toBe(secondCorrelation);
      expect(second.body).toEqual({ ...first.body, isRetry: true });
      expect(second.body.attemptId).toBe(first.body.attemptId);

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(charges[0].amount).toBe(1200);
      expect(refunds).toEqual([]);

      const retries = await audit(t, { bookingId: booking.id, action: 'PAYMENT_RETRY' });
      expect(retries).toEqual([
        expect.objectContaining({
          bookingId: booking.id,
          action: 'PAYMENT_RETRY',
          fromState: 'PAYMENT_RETRY',
          toState: 'PAYMENT_RETRY',
          correlationId: secondCorrelation,
          metadata: expect.objectContaining({
            isRetry: true,
            originalAttemptId: first.body.attemptId,
            originalCorrelationId: firstCorrelation,
          }),
        }),
      ]);
      const flagged = await audit(t, { bookingId: booking.id, isRetry: true });
      expect(flagged.map((e) => e.id)).toEqual(retries.map((e) => e.id));
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CONFIRMED' })).toHaveLength(1);
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toHaveLength(1);
      await expectConsistent(t);
    });
  });

  describe('a charge whose answer is lost (timeout_after_charge)', () => {
    it('answers 504, and the retry with the same key ends SUCCEEDED with exactly one charge and the booking CONFIRMED', async () => {
      const { booking } = await payableBooking(t, { price: 3000, seats: 2 });
      const key = uniqueKey('pay');
      const timeoutCorrelation = uniqueKey('timeout');
      const retryCorrelation = uniqueKey('retry');
      const payload = { bookingId: booking.id, amount: 6000, force: 'timeout_after_charge' as const, key };

      const lost = await pay(t, { ...payload, correlationId: timeoutCorrelation });
      expectProblem(lost, 504, 'PAYMENT.PROVIDER_TIMEOUT');
      expect(lost.body).not.toHaveProperty('attemptId');
      // The provider did take the money; only its answer was lost.
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);

      const retry = await pay(t, { ...payload, correlationId: retryCorrelation });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual({
        attemptId: expect.stringMatching(OBJECT_ID),
        bookingId: booking.id,
        amount: 6000,
        status: 'SUCCEEDED',
        bookingStatus: 'CONFIRMED',
        isRetry: expect.any(Boolean),
      });

      const again = await pay(t, { ...payload, correlationId: uniqueKey('again') });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual({ ...retry.body, isRetry: true });

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(charges[0].amount).toBe(6000);
      expect(refunds).toEqual([]);
      expect(await ledger(t, booking.id)).toHaveLength(1);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');

      const trail = await audit(t, { bookingId: booking.id });
      const timeouts = trail.filter((e) => e.action === 'PAYMENT_PROVIDER_ERROR');
      expect(timeouts).toEqual([
        expect.objectContaining({
          correlationId: timeoutCorrelation,
          metadata: expect.objectContaining({ code: 'PAYMENT.PROVIDER_TIMEOUT' }),
        }),
      ]);
      const retryEntries = trail.filter(
        (e) => e.correlationId === retryCorrelation && (e.action === 'PAYMENT_RETRY' || e.metadata.isRetry === true),
      );
      expect(retryEntries).toHaveLength(1);
      // The third request replayed the answer the retry stored.
      expect(
        trail.filter((e) => e.action === 'PAYMENT_RETRY' && e.correlationId === again.headers['x-correlation-id']),
      ).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({
            isRetry: true,
            originalAttemptId: retry.body.attemptId,
            originalCorrelationId: retryCorrelation,
          }),
        }),
      ]);
      expect(trail.filter((e) => e.action === 'BOOKING_CONFIRMED')).toHaveLength(1);
      expect(trail.filter((e) => e.action === 'PAYMENT_SUCCEEDED')).toHaveLength(1);
      await expectConsistent(t);
    });
  });

  describe('a provider that is down before charging (provider_error)', () => {
    it('answers 502 each time, stores nothing final, charges nothing, and a new key then pays once', async () => {
      const { booking } = await payableBooking(t, { price: 800, seats: 3 });
      const key = uniqueKey('pay');
      const payload = { bookingId: booking.id, amount: 2400, force: 'provider_error' as const, key };

      const first = await pay(t, payload);
      const second = await pay(t, payload);
      for (const res of [first, second]) {
        expectProblem(res, 502, 'PAYMENT.PROVIDER_ERROR');
        expect(res.headers['idempotent-replayed']).toBeUndefined();
      }
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
      const errors = await audit(t, { bookingId: booking.id, action: 'PAYMENT_PROVIDER_ERROR' });
      expect(errors).toHaveLength(2);
      for (const entry of errors) expect(entry.metadata.code).toBe('PAYMENT.PROVIDER_ERROR');

      const reused = await pay(t, { ...payload, force: 'success' });
      expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
      expect(reused.body).not.toHaveProperty('attemptId');
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');

      const paid = await pay(t, { bookingId: booking.id, amount: 2400, force: 'success', key: uniqueKey('pay') });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({
        status: 'SUCCEEDED',
        bookingStatus: 'CONFIRMED',
        isRetry: false,
        amount: 2400,
      });

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect(await ledger(t, booking.id)).toHaveLength(1);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CONFIRMED' })).toHaveLength(1);
      await expectConsistent(t);
    });
  });

  describe('a declined card (failure)', () => {
    it('stores FAILED as a final answer, leaves the booking payable, and a new key then pays it', async () => {
      const { booking } = await payableBooking(t, { price: 1500, seats: 2 });
      const failKey = uniqueKey('fail');

      const declined = await pay(t, { bookingId: booking.id, amount: 3000, force: 'failure', key: failKey });
      expect(declined.status).toBe(201);
      expect(declined.body).toEqual({
        attemptId: expect.stringMatching(OBJECT_ID),
        bookingId: booking.id,
        amount: 3000,
        status: 'FAILED',
        bookingStatus: 'PENDING_PAYMENT',
        isRetry: false,
      });
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');

      const paid = await pay(t, { bookingId: booking.id, amount: 3000, force: 'success', key: uniqueKey('pay') });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED', isRetry: false });
      expect(paid.body.attemptId).not.toBe(declined.body.attemptId);

      const replay = await pay(t, { bookingId: booking.id, amount: 3000, force: 'failure', key: failKey });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual({ ...declined.body, isRetry: true });

      const charges = (await ledger(t, booking.id)).filter((e) => e.type === 'CHARGE');
      expect(charges.map((e) => e.status).sort()).toEqual(['DECLINED', 'SUCCEEDED']);
      for (const entry of charges) expect(entry.amount).toBe(3000);
      const { charges: moved, refunds } = await moneyMoved(t, booking.id);
      expect(moved).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');

      const trail = await audit(t, { bookingId: booking.id });
      expect(trail.filter((e) => e.action === 'PAYMENT_FAILED')).toHaveLength(1);
      expect(trail.filter((e) => e.action === 'PAYMENT_SUCCEEDED')).toHaveLength(1);
      expect(trail.filter((e) => e.action === 'BOOKING_CONFIRMED')).toHaveLength(1);
      await expectConsistent(t);
    });
  });

  describe('paying a booking that is already paid', () => {
    it('refuses a second key with 409 BOOKING.ALREADY_PAID and charges nothing more, however often it is tried', async () => {
      const { booking } = await payableBooking(t, { price: 999, seats: 1 });
      const first = await pay(t, { bookingId: booking.id, amount: 999, key: uniqueKey('pay') });
      expect(first.status).toBe(201);

      const otherKey = uniqueKey('pay-again');
      const second = await pay(t, { bookingId: booking.id, amount: 999, key: otherKey });
      expectProblem(second, 409, 'BOOKING.ALREADY_PAID');
      expect(second.body).not.toHaveProperty('attemptId');
      const repeated = await pay(t, { bookingId: booking.id, amount: 999, key: otherKey });
      expectProblem(repeated, 409, 'BOOKING.ALREADY_PAID');

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect(await ledger(t, booking.id)).toHaveLength(1);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toHaveLength(1);
      await expectConsistent(t);
    });

    it('lets exactly one of several concurrent payments with different keys win and keeps the money only once', async () => {
      const { booking } = await payableBooking(t, { price: 700, seats: 2 });
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => pay(t, { bookingId: booking.id, amount: 1400, key: uniqueKey('race') })),
      );

      expect(countStatuses(responses)).toEqual({ 201: 1, 409: 4 });
      const winner = responses.find((r) => r.status === 201)!;
      expect(winner.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED', isRetry: false });
      // A loser finds the winner paying (in progress) or done (paid), before any money moves.
      for (const loser of responses.filter((r) => r.status === 409)) {
        expect(['PAYMENT.IN_PROGRESS', 'BOOKING.ALREADY_PAID']).toContain(loser.body.code);
        expectProblem(loser, 409, loser.body.code);
      }

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toEqual([expect.objectContaining({ amount: 1400 })]);
      expect(refunds).toEqual([]);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CONFIRMED' })).toHaveLength(1);
      expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
      await expectConsistent(t);
    });
  });

  describe('payment requests that cannot be served', () => {
    it('refuses an amount other than the booking amount with 400, charges nothing and leaves the key usable', async () => {
      const { booking } = await payableBooking(t, { price: 1000, seats: 2 });
      const key = uniqueKey('pay');

      for (const amount of [1999, 2001, 0]) {
        const res = await pay(t, { bookingId: booking.id, amount, key });
        expectProblem(res, 400);
        expect(res.body).not.toHaveProperty('attemptId');
      }
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toEqual([]);

      // A 4xx writes nothing, so the key was never claimed: the correct request may use it.
      const paid = await pay(t, { bookingId: booking.id, amount: 2000, key });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({ status: 'SUCCEEDED', isRetry: false });
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
      await expectConsistent(t);
    });

    it('answers 404 for an unknown booking and charges nothing', async () => {
      const missing = '0123456789abcdef01234567';
      const res = await pay(t, { bookingId: missing, amount: 100, key: uniqueKey('pay') });
      expectProblem(res, 404);
      expect(await ledger(t, missing)).toEqual([]);
    });

    it.each([
      ['an unknown force', { force: 'maybe' }],
      ['a negative amount', { amount: -1 }],
      ['an amount that is not an integer', { amount: 10.5 }],
      ['a bookingId that is not an id', { bookingId: 'nope' }],
      ['an unknown field', { tip: 5 }],
    ])('refuses %s with 400 and charges nothing', async (_label, override) => {
      const { booking } = await payableBooking(t, { price: 500, seats: 1 });
      const res = await t
        .http()
        .post('/api/payments/intent')
        .send({ bookingId: booking.id, amount: 500, force: 'success', idempotencyKey: uniqueKey('pay'), ...override });
      expectProblem(res, 400);
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
    });
  });

  describe('paying after the payment window closed', () => {
    const short = useTestApp({ BOOKING_TTL_SECONDS: '1' });

    it('refuses a booking whose payment window has passed with 409 and charges nothing', async () => {
      const { booking } = await payableBooking(short, { price: 500, seats: 1 });
      await sleep(Date.parse(booking.expiresAt) - Date.now() + 200);

      for (const force of ['success', 'timeout_after_charge'] as const) {
        const res = await pay(short, { bookingId: booking.id, amount: 500, force, key: uniqueKey('late') });
        expectProblem(res, 409);
        expect(res.body).not.toHaveProperty('attemptId');
      }
      expect(await ledger(short, booking.id)).toEqual([]);
      expect(await audit(short, { bookingId: booking.id, action: 'BOOKING_CONFIRMED' })).toEqual([]);
      expect((await getBooking(short, booking.id)).status).not.toBe('CONFIRMED');
      await expectConsistent(short);
    });
  });
});
