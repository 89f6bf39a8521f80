import {
  createEvent,
  getEvent,
  openLock,
  payableBooking,
  pay,
  requestCancel,
  requestLock,
  runJob,
  uniqueKey,
  confirmLock,
  seedPaymentClaim,
} from './support/fixtures';
import { delta, sample, scrape, type Scrape } from './support/metrics';
import { useTestApp } from './support/test-app';

describe('GET /metrics (e2e)', () => {
  const t = useTestApp();

  describe('after a scripted flow', () => {
    let before: Scrape;
    let after: Scrape;
    let eventId: string;
    const moved = (name: string, labels: Record<string, string> = {}) => delta(before, after, name, labels);
    const http = (method: string, route: string, status: number) =>
      moved('http_request_duration_seconds_count', { method, route, status: String(status) });

    beforeAll(async () => {
      before = await scrape(t);

      // A lock sent twice with one key: one execution, one replay.
      const event = await createEvent(t, { totalSeats: 10, price: 1000 });
      eventId = event.id;
      const lockKey = uniqueKey('lock');
      const lock = await openLock(t, { eventId, seats: 2, key: lockKey });
      expect((await requestLock(t, { eventId, seats: 2, key: lockKey })).status).toBe(201);
      const paid = await confirmLock(t, lock.id);

      // Paid once, replayed twice, then the key reused with another amount.
      const payKey = uniqueKey('pay');
      for (let i = 0; i < 3; i++)
        expect((await pay(t, { bookingId: paid.id, amount: 2000, key: payKey })).status).toBe(201);
      expect((await pay(t, { bookingId: paid.id, amount: 1, key: payKey })).status).toBe(422);

      // The provider charges but its answer is lost; the retry resumes the attempt and finds the charge.
      const { booking: lost } = await payableBooking(t);
      const lostKey = uniqueKey('pay');
      const lostPayment = {
        bookingId: lost.id,
        amount: lost.amount,
        key: lostKey,
        force: 'timeout_after_charge',
      } as const;
      expect((await pay(t, lostPayment)).status).toBe(504);
      expect((await pay(t, lostPayment)).status).toBe(201);

      const { booking: declined } = await payableBooking(t);
      const decline = await pay(t, {
        bookingId: declined.id,
        amount: declined.amount,
        key: uniqueKey('pay'),
        force: 'failure',
      });
      expect(decline.body).toMatchObject({ status: 'FAILED' });

      expect((await requestCancel(t, paid.id, { key: uniqueKey('cancel') })).status).toBe(200);
      expect((await runJob(t, 'expire-locks')).status).toBe(200);

      after = await scrape(t);
    });

    it('counts payment intents as new, resumed and replayed', () => {
      expect(moved('payment_requests_total', { kind: 'new' })).toBe(3);
      expect(moved('payment_requests_total', { kind: 'resumed' })).toBe(1);
      expect(moved('payment_requests_total', { kind: 'replayed' })).toBe(2);
    });

    it("counts the provider's charges, declines and refunds once each, whatever the retries", () => {
      expect(moved('payment_provider_ledger_entries_total', { type: 'CHARGE', status: 'SUCCEEDED' })).toBe(2);
      expect(moved('payment_provider_ledger_entries_total', { type: 'CHARGE', status: 'DECLINED' })).toBe(1);
      expect(moved('payment_provider_ledger_entries_total', { type: 'REFUND', status: 'SUCCEEDED' })).toBe(1);
    });

    it('observes each replay at its ordinal for its key, and counts refused key reuse', () => {
      expect(moved('idempotency_replays_per_key_count', { scope: 'payments.intent' })).toBe(2);
      expect(moved('idempotency_replays_per_key_sum', { scope: 'payments.intent' })).toBe(1 + 2);
      expect(moved('idempotency_replays_per_key_bucket', { scope: 'payments.intent', le: '1' })).toBe(1);
      expect(moved('idempotency_replays_per_key_count', { scope: 'locks.create' })).toBe(1);
      expect(moved('idempotency_key_reuse_refusals_total', { scope: 'payments.intent' })).toBe(1);
      expect(moved('idempotency_requests_total', { scope: 'payments.intent', outcome: 'replayed_from_memory' })).toBe(
        2,
      );
    });

    it('counts replays answered from memory as cache hits, and requests that asked the database as misses', () => {
      expect(moved('idempotency_cache_lookups_total', { scope: 'payments.intent', result: 'hit' })).toBe(2);
      // The first payment, the lost answer and its retry (a released claim is never cached), the declined card.
      expect(moved('idempotency_cache_lookups_total', { scope: 'payments.intent', result: 'miss' })).toBe(4);
    });

    it('counts job runs and times them by type and outcome', () => {
      expect(moved('job_runs_total', { job: 'EXPIRE_LOCKS', outcome: 'completed' })).toBe(1);
      expect(moved('job_run_duration_seconds_count', { job: 'EXPIRE_LOCKS', outcome: 'completed' })).toBe(1);
      expect(moved('job_run_duration_seconds_count', { job: 'EXPIRE_BOOKINGS', outcome: 'completed' })).toBe(0);
    });

    it('times HTTP requests by route pattern and status', () => {
      expect(http('POST', '/api/events', 201)).toBe(3);
      expect(http('POST', '/api/payments/intent', 201)).toBe(3 + 1 + 1);
      expect(http('POST', '/api/payments/intent', 422)).toBe(1);
      expect(http('POST', '/api/payments/intent', 504)).toBe(1);
      expect(http('POST', '/api/bookings/:id/cancel', 200)).toBe(1);
    });

    it('reports the seats of recently changed events as the events API does', async () => {
      const event = await getEvent(t, eventId);
      expect(after.get(sample('event_seats_available', { event_id: eventId, name: event.name }))).toBe(
        event.availableSeats,
      );
      expect(after.get(sample('event_seats_total', { event_id: eventId, name: event.name }))).toBe(event.totalSeats);
    });
  });

  it('declares the in-flight wait counter, so dashboards can query it before the first wait', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toContain('# TYPE idempotency_inflight_waits_total counter');
  });

  it('counts a request that found its key held by a running twin and waited for it', async () => {
    const { booking } = await payableBooking(t);
    const key = uniqueKey('pay');
    const body = { bookingId: booking.id, amount: booking.amount, force: 'success' };
    // The twin's lease, plus the 2 s of clock skew tolerated by default, runs out while this request polls:
    // it waits, then takes the key over.
    await seedPaymentClaim(t, key, body, new Date(Date.now() + 300 - 2_000));
    const before = await scrape(t);
    expect((await pay(t, { bookingId: booking.id, amount: booking.amount, key })).status).toBe(201);
    const after = await scrape(t);
    expect(delta(before, after, 'idempotency_inflight_waits_total', { scope: 'payments.intent' })).toBe(1);
  });
});
