import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Response } from 'supertest';
import { EventsService } from '../src/events/events.service';
import { OffsetClock } from './support/clock';
import { createEvent, expectProblem, future, openLock, requestBooking, uniqueKey } from './support/fixtures';
import { startSharedEngine, type SharedEngine } from './support/shared-engine';
import { startTestApp, type TestApp } from './support/test-app';

/** The tolerated skew: more than a twin's 2-second wait, so a twin sees the lease passed by less than it throughout. */
const TOLERANCE_MS = 3_000;
/** Above three times the tolerated skew, as the configuration requires. */
const LEASE_SECONDS = 10;
const TTL_SECONDS = 60;
/** How far the second instance's clock runs ahead: less than the tolerated skew. */
const AHEAD_MS = 1_500;

/**
 * Two instances on one database whose clocks differ by a few seconds (within CLOCK_SKEW_TOLERANCE_MS):
 * a key must get the same answer on both, and the one ahead must never take over a claim the other is
 * still running.
 */
describe('Idempotency across instances whose clocks differ (e2e)', () => {
  let shared: SharedEngine | undefined;
  const onTime = new OffsetClock();
  const ahead = new OffsetClock(AHEAD_MS);
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    shared = await startSharedEngine();
    const settings = {
      MONGODB_URI: shared.uri,
      IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
      IDEMPOTENCY_TTL_SECONDS: String(TTL_SECONDS),
      CLOCK_SKEW_TOLERANCE_MS: String(TOLERANCE_MS),
    };
    a = await startTestApp(settings, onTime);
    b = await startTestApp(settings, ahead);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.shutdown();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const eventsNamed = (name: string) =>
    a.app.get<Connection>(getConnectionToken()).collection('events').countDocuments({ name });

  const answerOf = (res: Response) => ({ status: res.status, code: res.body.code as string | undefined });

  it('the instance ahead waits for a live claim of the other instead of taking it over', async () => {
    const name = uniqueKey('Live');
    const body = { name, totalSeats: 10, price: 100, startsAt: future(5), idempotencyKey: uniqueKey('live') };
    const events = a.app.get(EventsService);
    const schedule = events.schedule.bind(events);
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    const reached = new Promise<void>((reach) => {
      jest.spyOn(events, 'schedule').mockImplementationOnce(async (command) => {
        reach();
        await paused;
        return schedule(command);
      });
    });

    const first = a
      .http()
      .post('/api/events')
      .send(body)
      .then((res) => res);
    await reached;
    // Both clocks move on until A's lease has ended by B's clock, but by less than the tolerated skew: only
    // the tolerance tells B that the claim is still live.
    onTime.advance(LEASE_SECONDS * 1000 - 1_200);
    ahead.advance(LEASE_SECONDS * 1000 - 1_200);
    const twin = await b.http().post('/api/events').send(body);
    resume();

    expectProblem(twin, 409, 'IDEMPOTENCY.IN_PROGRESS');
    expect((await first).status).toBe(201);
    const replay = await b.http().post('/api/events').send(body).expect(201);
    expect(replay.body).toEqual((await first).body);
    expect(await eventsNamed(name)).toBe(1);
  });

  it('a key taken again on the instance ahead (its record expired there) gets the same answer on both', async () => {
    const event = await createEvent(a, { totalSeats: 10 });
    const [first, second] = [await openLock(a, { eventId: event.id }), await openLock(a, { eventId: event.id })];
    const key = uniqueKey('expiring');
    await requestBooking(a, first.id, key).expect(201);
    // Close to the record's expiry: past it for B, a second before it for A.
    onTime.advance(TTL_SECONDS * 1000 - 1_000);
    ahead.advance(TTL_SECONDS * 1000 - 1_000);

    await requestBooking(b, second.id, key).expect(201);

    const onA = await requestBooking(a, first.id, key);
    const onB = await requestBooking(b, first.id, key);
    expect(answerOf(onA)).toEqual(answerOf(onB));
    expectProblem(onA, 422, 'IDEMPOTENCY.KEY_REUSED');
  });
});
