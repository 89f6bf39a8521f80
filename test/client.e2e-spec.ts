import { createBookingClient, wasReplayed, type BookingClient } from '../client/booking-client';
import type { RetryEvent } from '../client/retrying-fetch';
import { listen } from './support/browser';
import { startDroppingProxy, type DroppingProxy } from './support/dropping-proxy';
import { actionsOf, audit, expectConsistent, future, getEvent, moneyMoved, uniqueKey } from './support/fixtures';
import { useTestApp, type TestApp } from './support/test-app';

interface Link {
  operationId: string;
  parameters?: Record<string, string>;
  requestBody?: Record<string, string>;
}
interface LinkedDocument {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { links?: Record<string, Link> }> }>
  >;
}

/** Follows one link of the document from a creating answer: the id goes where the link says, nothing guessed. */
async function follow(
  t: TestApp,
  doc: LinkedDocument,
  from: string,
  name: string,
  answer: Record<string, unknown>,
  extra = {},
) {
  const [method, path] = from.split(' ');
  const link = doc.paths[path][method.toLowerCase()].responses['201'].links?.[name];
  if (!link) throw new Error(`no link ${name} from ${from}`);
  const [targetPath, targetMethod] = Object.entries(doc.paths)
    .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => [p, m, op.operationId]))
    .find(([, , id]) => id === link.operationId)!;
  const value = (expression: string) => answer[expression.replace('$response.body#/', '')] as string;
  let url = targetPath;
  const query = new URLSearchParams();
  for (const [param, expression] of Object.entries(link.parameters ?? {}))
    if (url.includes(`{${param}}`)) url = url.replace(`{${param}}`, value(expression));
    else query.set(param, value(expression));
  const body = {
    ...Object.fromEntries(Object.entries(link.requestBody ?? {}).map(([k, e]) => [k, value(e)])),
    ...extra,
  };
  const target = `${url}${query.size > 0 ? `?${query.toString()}` : ''}`;
  return targetMethod === 'get' ? t.http().get(target) : t.http().post(target).send(body);
}

describe('The typed client through a connection that loses answers, and the walkable contract (e2e)', () => {
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

  it('leads from a new event to its lock, booking, payment and charge by its links alone', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as LinkedDocument;
    const event = await t
      .http()
      .post('/api/events')
      .send({ name: uniqueKey('Linked show'), totalSeats: 4, price: 900, startsAt: future(30) })
      .expect(201);

    expect((await follow(t, doc, 'POST /api/events', 'GetEvent', event.body)).body).toMatchObject({
      availableSeats: 4,
    });
    const lock = await follow(t, doc, 'POST /api/events', 'HoldSeats', event.body, {
      userId: 'linked-user',
      seats: 2,
      idempotencyKey: uniqueKey('linked-lock'),
    });
    expect(lock.status).toBe(201);
    const booking = await follow(t, doc, 'POST /api/locks', 'ConfirmBooking', lock.body);
    expect(booking.status).toBe(201);
    const payment = await follow(t, doc, 'POST /api/bookings', 'PayBooking', booking.body, {
      force: 'success',
      idempotencyKey: uniqueKey('linked-pay'),
    });
    expect(payment.body).toMatchObject({ status: 'SUCCEEDED', amount: 1800 });
    const charges = await follow(t, doc, 'POST /api/bookings', 'BookingCharges', booking.body);
    expect(charges.body).toMatchObject([{ type: 'CHARGE', status: 'SUCCEEDED', amount: 1800 }]);
    const trail = await follow(t, doc, 'POST /api/bookings', 'BookingAudit', booking.body);
    expect(trail.status).toBe(200);
  });
});
