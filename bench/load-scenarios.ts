import { ApiClient, EVENT_SEATS, inParallel, lockBody, paymentBody } from './api-client';
import type { LoadSpec, RoundSettings } from './load-round';

/** Below the load's 32: on a serializing engine a smaller wave makes each request wait less, not the pool slower. */
const POOL_CONCURRENCY = 8;
/** A pool that takes longer is used as far as it got: the round then ends when it runs dry. */
const POOL_DEADLINE_MS = 3 * 60_000;
/** Pools hold this many times what the previous step managed per round, so they rarely run dry. */
const POOL_HEADROOM = 1.5;

export type ScenarioName =
  | 'GET /health'
  | 'GET /api/events/:id'
  | 'POST /api/locks replay'
  | 'POST /api/locks first'
  | 'POST /api/bookings first'
  | 'POST /api/payments/intent first'
  | 'POST /api/payments/intent replay';

export interface Scenario {
  name: ScenarioName;
  /** Called before each round, outside the measured time: makes whatever the round consumes. */
  prepare(round: number): Promise<LoadSpec>;
}

/** Reads the median rps of a scenario measured earlier in the run, to size the pools of later ones. */
type MeasuredRps = (name: ScenarioName) => number;

/**
 * The measured requests, in the order they run. Each "first" request gets a fresh idempotency key and
 * whatever it needs (an ACTIVE lock, a PENDING_PAYMENT booking) from a pool made before the round.
 */
export async function buildScenarios(
  api: ApiClient,
  settings: RoundSettings,
  measured: MeasuredRps,
): Promise<Scenario[]> {
  const readEventId = await api.createEvent('bench read');
  const replayLock = lockBody(await api.createEvent('bench lock replay'), 'bench-lock-replay');
  await api.createLock(replayLock.eventId, replayLock.idempotencyKey!);
  const replayPayment = paymentBody(
    await makeBooking(api, await api.createEvent('bench payment replay'), 'replay'),
    'bench-payment-replay',
  );
  await api.pay(replayPayment.bookingId, replayPayment.idempotencyKey!);

  const poolSize = (source: ScenarioName) =>
    Math.min(EVENT_SEATS, Math.ceil(measured(source) * settings.seconds * POOL_HEADROOM) + settings.connections);
  const fixed = (name: ScenarioName, spec: LoadSpec): Scenario => ({ name, prepare: () => Promise.resolve(spec) });

  return [
    fixed('GET /health', { method: 'GET', path: '/health', expectedStatus: 200 }),
    fixed('GET /api/events/:id', { method: 'GET', path: `/api/events/${readEventId}`, expectedStatus: 200 }),
    fixed('POST /api/locks replay', { method: 'POST', path: '/api/locks', body: replayLock, expectedStatus: 201 }),
    {
      name: 'POST /api/locks first',
      // A new event each round, so no round starts with the holds an earlier one left behind.
      async prepare(round) {
        const eventId = await api.createEvent(`bench locks round ${round}`);
        let counter = 0;
        return {
          method: 'POST',
          path: '/api/locks',
          nextBody: () => (counter < EVENT_SEATS ? lockBody(eventId, `bench-lock-${round}-${counter++}`) : undefined),
          expectedStatus: 201,
        };
      },
    },
    {
      name: 'POST /api/bookings first',
      async prepare(round) {
        const eventId = await api.createEvent(`bench bookings round ${round}`);
        const locks = await makePool(poolSize('POST /api/locks first'), (i) =>
          api.createLock(eventId, `bench-booking-lock-${round}-${i}`),
        );
        return {
          method: 'POST',
          path: '/api/bookings',
          nextBody: () => {
            const seatLockId = locks.pop();
            return seatLockId === undefined ? undefined : { seatLockId, idempotencyKey: `bench-booking-${seatLockId}` };
          },
          expectedStatus: 201,
        };
      },
    },
    {
      name: 'POST /api/payments/intent first',
      async prepare(round) {
        const eventId = await api.createEvent(`bench payments round ${round}`);
        const bookings = await makePool(poolSize('POST /api/bookings first'), (i) =>
          makeBooking(api, eventId, `${round}-${i}`),
        );
        return {
          method: 'POST',
          path: '/api/payments/intent',
          nextBody: () => {
            const bookingId = bookings.pop();
            return bookingId === undefined ? undefined : paymentBody(bookingId, `bench-payment-${bookingId}`);
          },
          expectedStatus: 201,
        };
      },
    },
    fixed('POST /api/payments/intent replay', {
      method: 'POST',
      path: '/api/payments/intent',
      body: replayPayment,
      expectedStatus: 201,
    }),
  ];
}

/** A PENDING_PAYMENT booking of one seat. */
async function makeBooking(api: ApiClient, eventId: string, tag: string): Promise<string> {
  const lockId = await api.createLock(eventId, `bench-pay-lock-${tag}`);
  return api.createBooking(lockId, `bench-pay-booking-${tag}`);
}

async function makePool(size: number, make: (index: number) => Promise<string>): Promise<string[]> {
  const pool: string[] = [];
  const started = Date.now();
  let failure = '';
  try {
    await inParallel(size, POOL_CONCURRENCY, started + POOL_DEADLINE_MS, async (i) => {
      pool.push(await make(i));
    });
  } catch (error) {
    // A smaller pool still measures something; an empty one cannot.
    if (pool.length === 0) throw error;
    failure = ` (stopped early: ${error instanceof Error ? error.message : String(error)})`;
  }
  process.stdout.write(
    `    pool of ${pool.length} made in ${((Date.now() - started) / 1000).toFixed(1)} s${failure}\n`,
  );
  return pool;
}
