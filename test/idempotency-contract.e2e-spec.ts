import { audit, createEvent, expectProblem, future, pay, payableBooking, uniqueKey } from './support/fixtures';
import { useTestApp } from './support/test-app';

/** One idempotency contract for every write (issue 9): what is fingerprinted, what every list is bounded by. */
describe('Idempotency contract (e2e)', () => {
  const t = useTestApp();

  it('fingerprints the validated request with its defaults: no force and force "success" are one request', async () => {
    const { booking } = await payableBooking(t, { price: 250, seats: 1 });
    const key = uniqueKey('default');
    const first = await t
      .http()
      .post('/api/payments/intent')
      .send({ bookingId: booking.id, amount: 250, idempotencyKey: key })
      .expect(201);
    const second = await pay(t, { bookingId: booking.id, amount: 250, force: 'success', key }).expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual({ ...first.body, isRetry: true });
  });

  it('makes POST /api/events idempotent like every other write', async () => {
    const key = uniqueKey('event');
    const body = { name: 'Gala', totalSeats: 40, price: 1500, startsAt: future(20), idempotencyKey: key };
    const first = await t.http().post('/api/events').send(body).expect(201);
    const again = await t.http().post('/api/events').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expectProblem(
      await t
        .http()
        .post('/api/events')
        .send({ ...body, totalSeats: 41 }),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
  });

  it('audits each replay exactly once, with the resource ids, a replayed error included', async () => {
    const event = await createEvent(t, { totalSeats: 1 });
    const key = uniqueKey('full');
    const refused = { eventId: event.id, userId: 'u', seats: 2, idempotencyKey: key };
    const correlationId = uniqueKey('replayed-error');
    expectProblem(await t.http().post('/api/locks').send(refused), 409, 'SEATS.UNAVAILABLE');
    expectProblem(
      await t.http().post('/api/locks').set('X-Correlation-Id', correlationId).send(refused),
      409,
      'SEATS.UNAVAILABLE',
    );
    const retries = (await audit(t, { action: 'REQUEST_RETRY', isRetry: true })).filter(
      (e) => e.correlationId === correlationId,
    );
    expect(retries).toEqual([
      expect.objectContaining({ eventId: event.id, metadata: expect.objectContaining({ replayedStatus: 409 }) }),
    ]);
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await t
      .http()
      .post('/api/events')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expectProblem(res, 413, 'REQUEST.TOO_LARGE');
  });

  it('pages the audit trail newest first with a cursor, every entry once', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/locks')
        .send({ eventId: event.id, userId: `pager-${i}`, seats: 1, idempotencyKey: uniqueKey('page') })
        .expect(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous = Infinity;
    do {
      const res = await t
        .http()
        .get(`/api/audit?action=LOCK_CREATED&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      for (const entry of res.body as { id: string; createdAt: string }[]) {
        const at = Date.parse(entry.createdAt);
        expect(at).toBeLessThanOrEqual(previous);
        previous = at;
        seen.push(entry.id);
      }
      cursor = res.headers['x-next-cursor'];
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expectProblem(await t.http().get('/api/audit?cursor=not*a*cursor'), 400);
    expectProblem(await t.http().get('/api/audit?limit=501'), 400);
  });
});
