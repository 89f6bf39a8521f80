import { getConnectionToken } from '@nestjs/mongoose';
import { Types, type Connection } from 'mongoose';
import type { Response } from 'supertest';
import { inParallel, sleep, waitUntilPast } from './support/async';
import {
  ALREADY_RUNNING,
  audit,
  availableSeats,
  consistency,
  createEvent,
  openLock,
  requestBooking,
  runJob,
  uniqueKey,
  type EventBody,
  type ExecutionBody,
  type JobPath,
  type JobTypeName,
} from './support/fixtures';
import { startSharedEngine, type SharedEngine } from './support/shared-engine';
import { startTestApp, type TestApp } from './support/test-app';

/** GET /api/audit answers at most this many entries. */
const AUDIT_CAP = 1000;

const INSTANCES = 3;
const EVENTS = 10;
const SEEDED_LOCKS_PER_EVENT = 50; // 500 locks that expire
const BOOKINGS = 500; // 500 PENDING_PAYMENT bookings that expire
const SEATS_PER_EVENT = 120; // 50 seeded locks + 50 bookings + room for a few locks that miss their window
const ROUNDS = 15;

interface MissedLock {
  lockId: string;
  eventId: string;
}

interface ExecutionDoc {
  _id: string;
  jobType: JobTypeName;
  status: string;
  fencingToken: number;
  results: { processed: number; errors: number };
}

/**
 * Three service instances joined to one engine, all calling both expiry jobs at once, over and over.
 * The lease must keep each job single, and the guarded transitions must keep every item expired, every
 * seat returned and every audit entry written exactly once, whichever instance gets there.
 */
describe('Expiry jobs across three instances (e2e)', () => {
  let shared: SharedEngine | undefined;
  const apps: TestApp[] = [];
  let db: Connection;
  const app = (index: number) => apps[index % apps.length];

  beforeAll(async () => {
    shared = await startSharedEngine();
    const settings = {
      MONGODB_URI: shared.uri,
      LOCK_TTL_SECONDS: '1',
      BOOKING_TTL_SECONDS: '1',
      RECONCILE_AFTER_SECONDS: '0',
      JOB_BATCH_SIZE: '50',
    };
    // Started side by side; each is pushed as it comes up, so afterAll closes whichever did if one fails.
    await Promise.all(Array.from({ length: INSTANCES }, async () => apps.push(await startTestApp(settings))));
    db = apps[0].app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    for (const instance of apps) await instance.close();
    await shared?.shutdown();
  });

  /** 50 ACTIVE locks of one seat per event, inserted directly, their seats taken from the event. */
  async function seedExpiringLocks(events: EventBody[]): Promise<{ ids: string[]; expiresAt: Date }> {
    const now = Date.now();
    const expiresAt = new Date(now + 1_000);
    const ids: string[] = [];
    for (const event of events) {
      const docs = Array.from({ length: SEEDED_LOCKS_PER_EVENT }, () => ({
        _id: new Types.ObjectId(),
        eventId: event.id,
        userId: 'seeded-user',
        seats: 1,
        price: event.price,
        startsAt: new Date(event.startsAt),
        status: 'ACTIVE',
        idempotencyKey: uniqueKey('seeded-lock'),
        expiresAt,
        correlationId: 'seeded',
        settled: true,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      }));
      const reserved = await db
        .collection('events')
        .updateOne(
          { _id: new Types.ObjectId(event.id), availableSeats: { $gte: docs.length } },
          { $inc: { availableSeats: -docs.length } },
        );
      expect(reserved.modifiedCount).toBe(1);
      await db.collection('seat_locks').insertMany(docs);
      ids.push(...docs.map((doc) => doc._id.toHexString()));
    }
    return { ids, expiresAt };
  }

  /**
   * A PENDING_PAYMENT booking through HTTP: a lock on one instance, confirmed on the next. A lock that
   * misses its 1-second window on a slow machine is simply one more lock to expire; another is opened.
   */
  async function bookThroughHttp(
    index: number,
    eventId: string,
    missed: MissedLock[],
  ): Promise<{ id: string; expiresAt: string }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const lock = await openLock(app(index + attempt), { eventId, userId: `user-${index}` });
      const booking = await requestBooking(app(index + attempt + 1), lock.id);
      if (booking.status === 201) {
        expect(booking.body.status).toBe('PENDING_PAYMENT');
        return { id: booking.body.id as string, expiresAt: booking.body.expiresAt as string };
      }
      // Only the lock's own window closing (a slow machine) may refuse it; then it is one more lock to expire.
      expect({ status: booking.status, code: booking.body.code }).toEqual({ status: 409, code: 'LOCK.NOT_ACTIVE' });
      missed.push({ lockId: lock.id, eventId });
    }
    throw new Error(`could not book on event ${eventId}`);
  }

  it(`${SEEDED_LOCKS_PER_EVENT * EVENTS} expiring locks and ${BOOKINGS} overdue bookings, both jobs hammered from ${INSTANCES} instances: everything expires exactly once`, async () => {
    // ---- seed ----
    const events: EventBody[] = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push(await createEvent(app(i), { name: `Multi ${i}`, totalSeats: SEATS_PER_EVENT, price: 1000 }));
    }
    const missedLocks: MissedLock[] = [];
    const bookings = await inParallel(BOOKINGS, 3, (i) => bookThroughHttp(i, events[i % EVENTS].id, missedLocks));
    expect(new Set(bookings.map((b) => b.id)).size).toBe(BOOKINGS);
    const seeded = await seedExpiringLocks(events);
    const seededLocks = seeded.ids;
    expect(seededLocks).toHaveLength(500);
    const missedPerEvent = tally(missedLocks.map((m) => m.eventId));
    for (const event of events) {
      const held = SEEDED_LOCKS_PER_EVENT + BOOKINGS / EVENTS + (missedPerEvent[event.id] ?? 0);
      expect(await availableSeats(app(0), event.id)).toBe(SEATS_PER_EVENT - held);
    }
    await waitUntilPast([...bookings.map((b) => b.expiresAt), seeded.expiresAt.toISOString()]);
    expect(await db.collection('seat_locks').countDocuments({ status: 'ACTIVE' })).toBe(500 + missedLocks.length);
    expect(await db.collection('bookings').countDocuments({ status: 'PENDING_PAYMENT' })).toBe(BOOKINGS);
    expect(await db.collection('job_executions').countDocuments({})).toBe(0);

    // ---- hammer: every instance calls both jobs, round after round, each job on its own loop ----
    const responses: { path: JobPath; res: Response }[] = [];
    await Promise.all(
      apps.flatMap((instance) =>
        (['expire-locks', 'expire-bookings'] as const).map(async (path) => {
          for (let round = 0; round < ROUNDS; round++) {
            responses.push({ path, res: await runJob(instance, path) });
            await sleep(Math.random() * 100); // jitter, so the loops interleave differently every time
          }
        }),
      ),
    );

    expect(responses).toHaveLength(INSTANCES * ROUNDS * 2);
    for (const { res } of responses) {
      expect([200, 409]).toContain(res.status);
      if (res.status === 200) expect(res.body).toMatchObject({ status: 'COMPLETED', results: { errors: 0 } });
      else expect(res.body.detail).toContain(ALREADY_RUNNING);
    }
    // The instances did contend: while one ran a job, the others were refused it.
    for (const path of ['expire-locks', 'expire-bookings'] as const) {
      expect(responses.filter((r) => r.path === path && r.res.status === 409).length).toBeGreaterThan(0);
    }

    // ---- every item ended once ----
    const expectedExpiredLocks = new Set([...seededLocks, ...missedLocks.map((m) => m.lockId)]);
    const locks = await db
      .collection('seat_locks')
      .find({}, { projection: { status: 1 } })
      .toArray();
    expect(locks.filter((l) => l.status !== 'EXPIRED' && l.status !== 'CONSUMED')).toEqual([]);
    const expiredLocks = locks.filter((l) => l.status === 'EXPIRED').map((l) => l._id.toHexString());
    expect(new Set(expiredLocks)).toEqual(expectedExpiredLocks);
    expect(locks.filter((l) => l.status === 'CONSUMED')).toHaveLength(BOOKINGS);

    const bookingDocs = await db
      .collection('bookings')
      .find({}, { projection: { status: 1 } })
      .toArray();
    expect(bookingDocs).toHaveLength(BOOKINGS);
    expect(bookingDocs.filter((b) => b.status !== 'EXPIRED')).toEqual([]);

    // One audit entry per expired item (both totals stay under the audit endpoint's cap).
    expect(expiredLocks.length).toBeLessThan(AUDIT_CAP);
    const lockEntries = await audit(app(1), { action: 'LOCK_EXPIRED' });
    expect(lockEntries).toHaveLength(expiredLocks.length);
    expect(tally(lockEntries.map((e) => e.lockId ?? ''))).toEqual(tally(expiredLocks));
    const bookingEntries = await audit(app(2), { action: 'BOOKING_EXPIRED' });
    expect(bookingEntries).toHaveLength(BOOKINGS);
    expect(tally(bookingEntries.map((e) => e.bookingId ?? ''))).toEqual(tally(bookings.map((b) => b.id)));

    // Every seat is back, exactly once.
    for (const [i, event] of events.entries()) {
      const seats = await availableSeats(app(i), event.id);
      expect({ id: event.id, availableSeats: seats }).toEqual({ id: event.id, availableSeats: SEATS_PER_EVENT });
      const doc = await db.collection('events').findOne({ _id: new Types.ObjectId(event.id) });
      expect(doc?.pending).toEqual({});
    }
    expect(await consistency(app(0))).toEqual([]);

    // ---- no run processed an item another run had processed ----
    const runs = await db.collection<ExecutionDoc>('job_executions').find({}).toArray();
    for (const [jobType, path, expired] of [
      ['EXPIRE_LOCKS', 'expire-locks', expiredLocks.length],
      ['EXPIRE_BOOKINGS', 'expire-bookings', BOOKINGS],
    ] as const) {
      const ofType = runs.filter((r) => r.jobType === jobType);
      const answered = responses
        .filter((r) => r.path === path && r.res.status === 200)
        .map((r) => r.res.body as ExecutionBody);
      expect(ofType.map((r) => r._id).sort()).toEqual(answered.map((b) => b.id).sort());
      expect(ofType.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
      expect(ofType.reduce((sum, r) => sum + r.results.errors, 0)).toBe(0);
      expect(ofType.reduce((sum, r) => sum + r.results.processed, 0)).toBe(expired);
      // One lease acquisition per run, each with its own fencing token.
      expect(ofType.map((r) => r.fencingToken).sort((a, b) => a - b)).toEqual(ofType.map((_, i) => i + 1));
    }

    // Nothing is left for a later run.
    for (const path of ['expire-locks', 'expire-bookings'] as const) {
      const res = await runJob(app(0), path);
      expect(res.status).toBe(200);
      expect(res.body.results).toMatchObject({ processed: 0, errors: 0 });
    }
  }, 420_000);
});

/** How many times each value occurs. */
function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
