import { createBookingClient, wasReplayed, type BookingClient } from '../client/booking-client';
import type { RetryEvent } from '../client/retrying-fetch';
import { listen } from './support/browser';
import { startDroppingProxy, type DroppingProxy } from './support/dropping-proxy';
import { actionsOf, audit, expectConsistent, future, getEvent, moneyMoved, uniqueKey } from './support/fixtures';
import { useTestApp } from './support/test-app';

describe('The typed client through a connection that loses answers (e2e)', () => {
  const t = useTestApp();
  let proxy: DroppingProxy;
  let api: BookingClient;
  const retries: RetryEvent[] = [];

  beforeAll(async () => {
    proxy = await startDroppingProxy(await listen(t));
    api = createBookingClient({
      baseUrl: proxy.url,
      policy: { baseDelayMs: 20, maxDelayMs: 100 },
      onRetry: (event) => retries.push(event),
    });
  });

  afterAll(async () => {
    await proxy?.close();
  });

  beforeEach(() => {
    retries.length = 0;
    proxy.dropped.length = 0;
  });

  it('creates, holds, books and pays once each, though every first answer is lost', async () => {
    for (const path of ['/api/events', '/api/locks', '/api/bookings', '/api/payments/intent'])
      proxy.dropNextAnswer('POST', path);

    const event = await api.POST('/api/events', {
      body: { name: uniqueKey('Client show'), totalSeats: 10, price: 1500, startsAt: future(30) },
    });
    const lock = await api.POST('/api/locks', { body: { eventId: event.data!.id, userId: 'client-user', seats: 3 } });
    const booking = await api.POST('/api/bookings', { body: { seatLockId: lock.data!.id } });
    const payment = await api.POST('/api/payments/intent', {
      body: { bookingId: booking.data!.id, amount: booking.data!.amount, force: 'success' },
    });

    expect(proxy.dropped).toEqual([
      'POST /api/events',
      'POST /api/locks',
      'POST /api/bookings',
      'POST /api/payments/intent',
    ]);
    // Each operation was sent twice with one key, and the second answer is the stored first one.
    expect(retries.map((r) => [new URL(r.url).pathname, r.reason])).toEqual(
      proxy.dropped.map((route) => [route.split(' ')[1], 'network']),
    );
    for (const answer of [event, lock, booking, payment]) expect(wasReplayed(answer.response)).toBe(true);
    expect(payment.data).toMatchObject({ status: 'SUCCEEDED', bookingId: booking.data!.id });

    // One event, one lock of three seats, one booking, one charge.
    expect((await getEvent(t, event.data!.id)).availableSeats).toBe(7);
    expect(actionsOf(await audit(t, { lockId: lock.data!.id })).filter((a) => a === 'LOCK_CREATED')).toHaveLength(1);
    const bookingHistory = actionsOf(await audit(t, { bookingId: booking.data!.id }));
    expect(bookingHistory.filter((a) => a === 'BOOKING_CREATED')).toHaveLength(1);
    expect(bookingHistory.filter((a) => a === 'PAYMENT_SUCCEEDED')).toHaveLength(1);
    const { charges } = await moneyMoved(t, booking.data!.id);
    expect(charges).toHaveLength(1);
    await expectConsistent(t);
  });

  it('uses the key the caller keeps, so a second try after a restart applies nothing new', async () => {
    const event = await api.POST('/api/events', {
      body: { name: uniqueKey('Client kept key'), totalSeats: 5, price: 100, startsAt: future(30) },
    });
    const key = uniqueKey('kept-lock');
    const hold = () =>
      api.POST('/api/locks', {
        body: { eventId: event.data!.id, userId: 'client-user', seats: 2 },
        headers: { 'Idempotency-Key': key },
      });
    const first = await hold();
    const second = await hold();
    expect(second.data!.id).toBe(first.data!.id);
    expect([wasReplayed(first.response), wasReplayed(second.response)]).toEqual([false, true]);
    expect((await getEvent(t, event.data!.id)).availableSeats).toBe(3);
  });

  it('hands a refusal straight back: a 4xx is not retried', async () => {
    const event = await api.POST('/api/events', {
      body: { name: uniqueKey('Client refusal'), totalSeats: 2, price: 100, startsAt: future(30) },
    });
    const refused = await api.POST('/api/locks', {
      body: { eventId: event.data!.id, userId: 'client-user', seats: 3 },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ status: 409 });
    expect(retries).toEqual([]);
  });
});
