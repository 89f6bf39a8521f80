import { BlackHoleProxy } from './support/black-hole-proxy';
import { eventually } from './support/async';
import { createEvent, expectProblem, requestLock, runJob, type ExecutionBody } from './support/fixtures';
import { startSharedEngine, type SharedEngine } from './support/shared-engine';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The database path loses replies without closing anything (a black hole): the request reaches the
 * engine, the connection stays open, the answer never comes. A request must still answer (503, once its
 * command has waited DB_COMMAND_TIMEOUT_MS), and a job run stuck on such a command must let its lease
 * lapse so that the job runs again, instead of renewing it from a timer until the process dies.
 */
describe('A database that stops answering (e2e)', () => {
  let shared: SharedEngine;
  let proxy: BlackHoleProxy;

  beforeAll(async () => {
    shared = await startSharedEngine();
    proxy = await BlackHoleProxy.start(Number(new URL(shared.uri).port));
  });

  afterAll(async () => {
    await proxy?.close();
    await shared?.shutdown();
  });

  describe('requests', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({
        MONGODB_URI: proxy.uri('requests'),
        DB_TIMEOUT_MS: '1000',
        DB_COMMAND_TIMEOUT_MS: '1000',
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('answers 503 problem+json when the reply to its command never comes, and serves the next request', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      // The event's ObjectId, as the command carries it; the driver's one retry of the read is lost too.
      proxy.loseRepliesTo('find', Buffer.from(event.id, 'hex'));

      const lost = await t.http().get(`/api/events/${event.id}`);
      proxy.answerAgain();

      expectProblem(lost, 503, 'DATABASE.UNAVAILABLE');
      expect(lost.headers['retry-after']).toBe('1');
      await t.http().get(`/api/events/${event.id}`).expect(200);
    });

    it('answers 503 while no reply comes at all, on open connections and new ones', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      proxy.swallowEverything();

      const read = await t.http().get(`/api/events/${event.id}`);
      const write = await requestLock(t, { eventId: event.id });

      expectProblem(read, 503, 'DATABASE.UNAVAILABLE');
      expectProblem(write, 503, 'DATABASE.UNAVAILABLE');
    });
  });
});

describe('A job run whose command gets no reply (e2e)', () => {
  let shared: SharedEngine;
  let proxy: BlackHoleProxy;
  let t: TestApp;

  beforeAll(async () => {
    shared = await startSharedEngine();
    proxy = await BlackHoleProxy.start(Number(new URL(shared.uri).port));
    // A command may wait a minute for its reply, far longer than the one-second job lease.
    t = await startTestApp({
      MONGODB_URI: proxy.uri('jobs'),
      DB_COMMAND_TIMEOUT_MS: '60000',
      JOB_LEASE_SECONDS: '1',
      CLOCK_SKEW_TOLERANCE_MS: '200',
    });
  });

  afterAll(async () => {
    // The proxy first: closing it fails the command still waiting, so the app can stop.
    await proxy?.close();
    await t?.close();
    await shared?.shutdown();
  });

  it('lets its lease lapse, so the job runs again and the stuck run is failed', async () => {
    proxy.loseReplyTo('find', 'seat_locks');
    const stuck = runJob(t, 'expire-locks').then(
      (res) => res,
      (error: unknown) => error,
    );

    let takeover: ExecutionBody | undefined;
    await eventually(async () => {
      const res = await runJob(t, 'expire-locks');
      expect(res.status).toBe(200);
      takeover = res.body as ExecutionBody;
    });

    expect(takeover).toMatchObject({ status: 'COMPLETED', fencingToken: 2 });
    const runs = (await t.http().get('/api/jobs/executions?jobType=EXPIRE_LOCKS').expect(200)).body as ExecutionBody[];
    expect(runs.find((run) => run.fencingToken === 1)).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringContaining('lease expired without renewal'),
    });
    await proxy.close();
    await stuck;
  });
});
