import { getConnectionToken } from '@nestjs/mongoose';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Types, type Connection } from 'mongoose';
import type { JobExecution } from '../src/jobs/domain/job-execution';
import { JobExecutionsRepository } from '../src/jobs/job-executions.repository';
import { JobLeasesRepository } from '../src/jobs/job-leases.repository';
import { eventually, inParallel, sleep, waitUntilPast } from './support/async';
import {
  ALREADY_RUNNING,
  HOUR_MS,
  PROBLEM_JSON,
  audit,
  availableSeats,
  confirmLock,
  consistency,
  createEvent,
  getBooking,
  getLock,
  openLock,
  pay,
  runJob,
  uniqueKey,
  type BookingBody,
  type ExecutionBody,
  type JobPath,
  type JobTypeName,
  type LockBody,
} from './support/fixtures';
import { startSharedEngine, type SharedEngine } from './support/shared-engine';
import { startTestApp, type TestApp } from './support/test-app';

type StringKeyed = { _id: string } & Record<string, unknown>;

/** The clock skew `t` tolerates: it takes a lease over only once the lease has passed by this much. */
const SKEW_MS = 500;

/**
 * The expiry jobs on a real embedded engine. Two instances share one database:
 *  - `t` runs the jobs, with 1-second lock and payment windows and reconcile allowed at once;
 *  - `patient` has the default (long) windows, for holds that must outlive a test.
 * Every test first drains both jobs, so the counts it asserts are its own.
 */
describe('Expiry jobs (e2e)', () => {
  let shared: SharedEngine | undefined;
  let t: TestApp;
  let patient: TestApp;
  let db: Connection;

  beforeAll(async () => {
    shared = await startSharedEngine();
    t = await startTestApp({
      MONGODB_URI: shared.uri,
      LOCK_TTL_SECONDS: '1',
      BOOKING_TTL_SECONDS: '1',
      RECONCILE_AFTER_SECONDS: '0',
      CLOCK_SKEW_TOLERANCE_MS: String(SKEW_MS),
    });
    patient = await startTestApp({ MONGODB_URI: shared.uri });
    db = t.app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await t?.close();
    await patient?.close();
    await shared?.shutdown();
  });

  // ---- helpers (HTTP first; the database directly only to seed or inspect what HTTP cannot) ----

  /** One lock per entry of `seats`, opened one after another. */
  async function openLocks(app: TestApp, eventId: string, seats: number[]): Promise<LockBody[]> {
    const locks: LockBody[] = [];
    for (const count of seats) locks.push(await openLock(app, { eventId, seats: count }));
    return locks;
  }

  /** A PENDING_PAYMENT booking with a 1-second payment window (locked with a long hold, confirmed by `t`). */
  async function shortBooking(eventId: string, seats = 1): Promise<BookingBody> {
    const lock = await openLock(patient, { eventId, seats });
    return confirmLock(t, lock.id);
  }

  async function runCompleted(app: TestApp, path: JobPath): Promise<ExecutionBody> {
    const res = await runJob(app, path);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('COMPLETED');
    return res.body as ExecutionBody;
  }

  /** Runs both jobs until they find nothing left, so a test starts from a quiet database. */
  async function drain(app: TestApp): Promise<void> {
    for (const path of ['expire-locks', 'expire-bookings'] as const) {
      for (let round = 0; round < 10 && (await runCompleted(app, path)).results.processed > 0; round++);
    }
  }

  async function executions(app: TestApp, jobType?: JobTypeName): Promise<ExecutionBody[]> {
    const res = await app
      .http()
      .get(`/api/jobs/executions${jobType ? `?jobType=${jobType}` : ''}`)
      .expect(200);
    return res.body as ExecutionBody[];
  }

  async function lockStatus(app: TestApp, lockId: string): Promise<string> {
    return (await getLock(app, lockId)).status;
  }

  async function bookingStatus(app: TestApp, bookingId: string): Promise<string> {
    return (await getBooking(app, bookingId)).status;
  }

  /** No seat move is left in flight on the event document once every flow has finished (markers go after the answer). */
  async function expectNoMovesInFlight(eventId: string): Promise<void> {
    await eventually(async () => {
      const doc = await db.collection('events').findOne({ _id: new Types.ObjectId(eventId) });
      expect(doc?.pending ?? {}).toEqual({});
    });
  }

  /** Collections keyed by a string `_id` (job type, execution id, audit entry id). */
  const byStringId = (name: string) => db.collection<StringKeyed>(name);
  const leases = () => byStringId('job_leases');
  const executionDocs = () => byStringId('job_executions');

  /**
   * What a holder killed mid-run leaves behind: its lease (token 7) and its RUNNING execution.
   */
  async function leaveDeadHolder(jobType: JobTypeName, executionId: string, leaseUntil: Date): Promise<void> {
    await leases().replaceOne({ _id: jobType }, { owner: 'dead-host', token: 7, leaseUntil }, { upsert: true });
    await executionDocs().insertOne({
      _id: executionId,
      jobType,
      status: 'RUNNING',
      trigger: 'cron',
      owner: 'dead-host',
      fencingToken: 7,
      startedAt: new Date(Date.now() - 60_000),
      results: { processed: 0, errors: 0, details: [] },
      expiresAt: new Date(Date.now() + HOUR_MS),
    });
  }

  async function executionById(id: string): Promise<Record<string, unknown> | null> {
    return executionDocs().findOne({ _id: id });
  }

  async function leaseDoc(jobType: JobTypeName): Promise<{ owner: string; token: number; leaseUntil: Date } | null> {
    const doc = await leases().findOne({ _id: jobType });
    return doc ? { owner: doc.owner as string, token: doc.token as number, leaseUntil: doc.leaseUntil as Date } : null;
  }

  // ---------------------------------------------------------------------------------------------

  describe('one run of a job at a time', () => {
    it('two simultaneous POST /api/jobs/expire-bookings: one 200 COMPLETED, one 409 "Another instance is already running"', async () => {
      await drain(t);
      const event = await createEvent(patient, { totalSeats: 60 });
      // Enough overdue bookings that the winning run is still working when the other asks for the lease.
      const bookings = await inParallel(40, 4, () => shortBooking(event.id));
      await waitUntilPast(bookings.map((b) => b.expiresAt));
      expect(await availableSeats(t, event.id)).toBe(20);
      const before = await executions(t, 'EXPIRE_BOOKINGS');

      const responses = await Promise.all([runJob(t, 'expire-bookings'), runJob(t, 'expire-bookings')]);

      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = responses.find((r) => r.status === 200)!;
      const loser = responses.find((r) => r.status === 409)!;
      expect(winner.body).toMatchObject({
        jobType: 'EXPIRE_BOOKINGS',
        status: 'COMPLETED',
        trigger: 'manual',
        results: { processed: 40, errors: 0 },
      });
      expect(loser.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(loser.body).toMatchObject({ status: 409, code: 'JOB.ALREADY_RUNNING' });
      expect(loser.body.detail).toContain(ALREADY_RUNNING);
      expect(Number(loser.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      // The refused request recorded no run of its own.
      const after = await executions(t, 'EXPIRE_BOOKINGS');
      expect(after.filter((e) => !before.some((b) => b.id === e.id)).map((e) => e.id)).toEqual([winner.body.id]);

      for (const booking of bookings) expect(await bookingStatus(t, booking.id)).toBe('EXPIRED');
      expect(await availableSeats(t, event.id)).toBe(60);
      const ids = new Set(bookings.map((b) => b.id));
      const expiredEntries = (await audit(t, { action: 'BOOKING_EXPIRED' })).filter((e) => ids.has(e.bookingId ?? ''));
      expect(expiredEntries).toHaveLength(40);
      expect(new Set(expiredEntries.map((e) => e.bookingId)).size).toBe(40);
      expect(await consistency(t)).toEqual([]);
    });

    it('GET /api/jobs/executions lists the runs newest first and filters by jobType', async () => {
      await drain(t);
      const first = await runCompleted(t, 'expire-locks');
      const second = await runCompleted(t, 'expire-bookings');
      const third = await runCompleted(t, 'expire-locks');
      expect(third).toEqual({
        id: expect.any(String),
        jobType: 'EXPIRE_LOCKS',
        status: 'COMPLETED',
        trigger: 'manual',
        owner: expect.any(String),
        fencingToken: expect.any(Number),
        startedAt: expect.any(String),
        completedAt: expect.any(String),
        results: { processed: 0, errors: 0, details: expect.any(Array) },
      });
      expect(third.fencingToken).toBeGreaterThan(first.fencingToken);

      const locksOnly = await executions(t, 'EXPIRE_LOCKS');
      expect(locksOnly.every((e) => e.jobType === 'EXPIRE_LOCKS')).toBe(true);
      expect(locksOnly.slice(0, 2).map((e) => e.id)).toEqual([third.id, first.id]);

      const all = await executions(t);
      expect(all.slice(0, 3).map((e) => e.id)).toEqual([third.id, second.id, first.id]);
      const started = all.map((e) => Date.parse(e.startedAt));
      expect(started).toEqual([...started].sort((a, b) => b - a));

      const bad = await t.http().get('/api/jobs/executions?jobType=NOPE').expect(400);
      expect(bad.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('what the jobs expire', () => {
    it('EXPIRE_LOCKS: ACTIVE locks past their hold become EXPIRED, seats come back once, one LOCK_EXPIRED each', async () => {
      await drain(t);
      const event = await createEvent(t, { totalSeats: 30 });
      const locks = await openLocks(t, event.id, [1, 2, 3, 4, 5]);
      const held = await openLock(patient, { eventId: event.id, seats: 2 }); // a long hold: must survive
      expect(await availableSeats(t, event.id)).toBe(30 - 15 - 2);
      await waitUntilPast(locks.map((l) => l.expiresAt));

      const run = await runCompleted(t, 'expire-locks');
      expect(run).toMatchObject({ jobType: 'EXPIRE_LOCKS', trigger: 'manual', results: { processed: 5, errors: 0 } });

      for (const lock of locks) {
        expect(await lockStatus(t, lock.id)).toBe('EXPIRED');
        const entries = await audit(t, { lockId: lock.id, action: 'LOCK_EXPIRED' });
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ fromState: 'ACTIVE', toState: 'EXPIRED', correlationId: `job:${run.id}` });
      }
      expect(await lockStatus(t, held.id)).toBe('ACTIVE');
      expect(await audit(t, { lockId: held.id, action: 'LOCK_EXPIRED' })).toEqual([]);
      expect(await availableSeats(t, event.id)).toBe(28);
      await expectNoMovesInFlight(event.id);

      // Nothing is left to do, and a second run returns nothing a second time.
      const again = await runCompleted(t, 'expire-locks');
      expect(again.results).toMatchObject({ processed: 0, errors: 0 });
      expect(await availableSeats(t, event.id)).toBe(28);
      for (const lock of locks) expect(await audit(t, { lockId: lock.id, action: 'LOCK_EXPIRED' })).toHaveLength(1);

      await patient.http().delete(`/api/locks/${held.id}`).send({}).expect(200);
      expect(await availableSeats(t, event.id)).toBe(30);
      expect(await consistency(t)).toEqual([]);
    });

    it('EXPIRE_BOOKINGS: overdue PENDING_PAYMENT bookings become EXPIRED with their seats back; a CONFIRMED booking never expires', async () => {
      await drain(t);
      const event = await createEvent(patient, { totalSeats: 20, price: 1500 });
      const overdue = [
        await shortBooking(event.id, 1),
        await shortBooking(event.id, 2),
        await shortBooking(event.id, 3),
      ];

      // Paid in time; its payment window then lies in the past, which must not matter once it is CONFIRMED.
      const paid = await confirmLock(patient, (await openLock(patient, { eventId: event.id, seats: 4 })).id);
      const payment = await pay(patient, {
        bookingId: paid.id,
        amount: paid.amount,
        force: 'success',
        key: uniqueKey('pay'),
      });
      expect(payment.status).toBe(201);
      expect(payment.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED' });
      await db
        .collection('bookings')
        .updateOne({ _id: new Types.ObjectId(paid.id) }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });

      const payable = await confirmLock(patient, (await openLock(patient, { eventId: event.id, seats: 5 })).id); // still inside its window
      expect(await availableSeats(t, event.id)).toBe(20 - 6 - 4 - 5);
      await waitUntilPast(overdue.map((b) => b.expiresAt));

      const run = await runCompleted(t, 'expire-bookings');
      expect(run).toMatchObject({ jobType: 'EXPIRE_BOOKINGS', results: { processed: 3, errors: 0 } });

      for (const booking of overdue) {
        expect(await bookingStatus(t, booking.id)).toBe('EXPIRED');
        const entries = await audit(t, { bookingId: booking.id, action: 'BOOKING_EXPIRED' });
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({
          fromState: 'PENDING_PAYMENT',
          toState: 'EXPIRED',
          correlationId: `job:${run.id}`,
        });
        expect(await lockStatus(t, booking.seatLockId)).toBe('CONSUMED');
      }
      expect(await bookingStatus(t, paid.id)).toBe('CONFIRMED');
      expect(await audit(t, { bookingId: paid.id, action: 'BOOKING_EXPIRED' })).toEqual([]);
      expect(await bookingStatus(t, payable.id)).toBe('PENDING_PAYMENT');
      expect(await availableSeats(t, event.id)).toBe(20 - 4 - 5);
      await expectNoMovesInFlight(event.id);

      const again = await runCompleted(t, 'expire-bookings');
      expect(again.results).toMatchObject({ processed: 0, errors: 0 });
      expect(await availableSeats(t, event.id)).toBe(11);
      expect(await bookingStatus(t, paid.id)).toBe('CONFIRMED');
      for (const booking of overdue)
        expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_EXPIRED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });
  });

  describe('a holder killed mid-run', () => {
    it('its lease has passed: the next run takes over with the next fencing token, fails the dead run and expires everything once', async () => {
      await drain(t);
      const event = await createEvent(t, { totalSeats: 20 });
      const locks = await openLocks(t, event.id, [1, 2, 3, 4]);
      await waitUntilPast(locks.map((l) => l.expiresAt));
      await leaveDeadHolder('EXPIRE_LOCKS', 'dead-run', new Date(Date.now() - 5_000));

      const run = await runCompleted(t, 'expire-locks');
      expect(run.fencingToken).toBe(8);
      expect(run.owner).not.toBe('dead-host');
      expect(run.results).toMatchObject({ processed: 4, errors: 0 });

      const listed = (await executions(t, 'EXPIRE_LOCKS')).find((e) => e.id === 'dead-run');
      expect(listed).toMatchObject({
        status: 'FAILED',
        owner: 'dead-host',
        fencingToken: 7,
        completedAt: expect.any(String),
      });
      expect(listed?.failureReason).toEqual(expect.any(String));
      expect(listed?.failureReason?.length).toBeGreaterThan(0);

      for (const lock of locks) {
        expect(await lockStatus(t, lock.id)).toBe('EXPIRED');
        expect(await audit(t, { lockId: lock.id, action: 'LOCK_EXPIRED' })).toHaveLength(1);
      }
      expect(await availableSeats(t, event.id)).toBe(20);
      await expectNoMovesInFlight(event.id);

      const next = await runCompleted(t, 'expire-locks');
      expect(next.fencingToken).toBe(9);
      expect(next.results.processed).toBe(0);
      const lease = await leaseDoc('EXPIRE_LOCKS');
      expect(lease).toMatchObject({ owner: next.owner, token: 9 });
      expect(lease!.leaseUntil.getTime()).toBeLessThanOrEqual(Date.now()); // released
      expect(await availableSeats(t, event.id)).toBe(20);
      expect(await consistency(t)).toEqual([]);
    });

    it('its lease is still live: a run is refused with 409 and changes nothing; once the lease has passed by the skew tolerated it takes over', async () => {
      await drain(t);
      const event = await createEvent(t, { totalSeats: 10 });
      const locks = await openLocks(t, event.id, [2, 3]);
      await waitUntilPast(locks.map((l) => l.expiresAt));
      const leaseUntil = new Date(Date.now() + 3_000);
      await leaveDeadHolder('EXPIRE_LOCKS', 'dead-run-live', leaseUntil);

      const refused = await runJob(t, 'expire-locks');
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(refused.body.detail).toContain(ALREADY_RUNNING);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(await leaseDoc('EXPIRE_LOCKS')).toEqual({ owner: 'dead-host', token: 7, leaseUntil });
      expect(await executionById('dead-run-live')).toMatchObject({ status: 'RUNNING' });
      for (const lock of locks) expect(await lockStatus(t, lock.id)).toBe('ACTIVE');
      expect(await availableSeats(t, event.id)).toBe(5);

      await waitUntilPast([new Date(leaseUntil.getTime() + SKEW_MS).toISOString()]);
      const run = await runCompleted(t, 'expire-locks');
      expect(run.fencingToken).toBe(8);
      expect(run.results).toMatchObject({ processed: 2, errors: 0 });
      const dead = await executionById('dead-run-live');
      expect(dead).toMatchObject({ status: 'FAILED', failureReason: expect.any(String) });
      for (const lock of locks) {
        expect(await lockStatus(t, lock.id)).toBe('EXPIRED');
        expect(await audit(t, { lockId: lock.id, action: 'LOCK_EXPIRED' })).toHaveLength(1);
      }
      expect(await availableSeats(t, event.id)).toBe(10);
      expect(await consistency(t)).toEqual([]);
    });

    /**
     * The holder died inside one item: the item's guarded transition went through (EXPIRED, follow-up
     * still owed), but the holder never wrote its audit entry (or wrote it) nor returned the seats.
     */
    it.each([
      ['lock', 'before writing its audit entry'],
      ['lock', 'after writing its audit entry'],
      ['booking', 'before writing its audit entry'],
      ['booking', 'after writing its audit entry'],
    ] as const)(
      'the dead holder had moved a %s to EXPIRED and died %s: the next run finishes it once',
      async (kind, when) => {
        await drain(t);
        const event = await createEvent(patient, { totalSeats: 10 });
        const jobType: JobTypeName = kind === 'lock' ? 'EXPIRE_LOCKS' : 'EXPIRE_BOOKINGS';
        const action = kind === 'lock' ? 'LOCK_EXPIRED' : 'BOOKING_EXPIRED';
        let entity: { lockId?: string; bookingId?: string };
        const deadRun = uniqueKey('dead-run');
        // What the RETURN protocol leaves when its holder dies after the transition: the marker on the event,
        // the owner EXPIRED with the move recorded, the seats not yet back (events/domain/seat-move.ts).
        const moveId = new Types.ObjectId().toHexString();
        const ended = { status: 'EXPIRED', settled: false, returnedBy: moveId, correlationId: `job:${deadRun}` };
        if (kind === 'lock') {
          const lock = await openLock(t, { eventId: event.id, seats: 3 });
          await waitUntilPast([lock.expiresAt]);
          await db
            .collection('seat_locks')
            .updateOne({ _id: new Types.ObjectId(lock.id) }, { $set: { ...ended, previousStatus: 'ACTIVE' } });
          entity = { lockId: lock.id };
        } else {
          const booking = await shortBooking(event.id, 3);
          await waitUntilPast([booking.expiresAt]);
          await db
            .collection('bookings')
            .updateOne(
              { _id: new Types.ObjectId(booking.id) },
              { $set: { ...ended, previousStatus: 'PENDING_PAYMENT' } },
            );
          entity = { bookingId: booking.id, lockId: booking.seatLockId };
        }
        const entityId = (kind === 'lock' ? entity.lockId : entity.bookingId)!;
        await db.collection('events').updateOne(
          { _id: new Types.ObjectId(event.id) },
          {
            $set: {
              [`pending.${moveId}`]: {
                kind: 'RETURN',
                ownerKind: kind,
                ownerId: entityId,
                seats: 3,
                at: new Date(Date.now() - 3_600_000),
              },
            },
          },
        );
        if (when === 'after writing its audit entry') {
          await byStringId('audit_log').insertOne({
            _id: `${entityId}:EXPIRED`,
            ...entity,
            eventId: event.id,
            action,
            fromState: kind === 'lock' ? 'ACTIVE' : 'PENDING_PAYMENT',
            toState: 'EXPIRED',
            correlationId: `job:${deadRun}`,
            metadata: { isRetry: false },
            createdAt: new Date(),
          });
        }
        expect(await availableSeats(t, event.id)).toBe(7);
        await leaveDeadHolder(jobType, deadRun, new Date(Date.now() - 5_000));

        const run = await runCompleted(t, kind === 'lock' ? 'expire-locks' : 'expire-bookings');
        expect(run.fencingToken).toBe(8);
        expect(await executionById(deadRun)).toMatchObject({ status: 'FAILED' });

        expect(await availableSeats(t, event.id)).toBe(10);
        await expectNoMovesInFlight(event.id);
        const query = kind === 'lock' ? { lockId: entityId } : { bookingId: entityId };
        expect(await audit(t, { ...query, action })).toHaveLength(1);
        await runCompleted(t, kind === 'lock' ? 'expire-locks' : 'expire-bookings');
        expect(await availableSeats(t, event.id)).toBe(10);
        expect(await audit(t, { ...query, action })).toHaveLength(1);
        // Scoped to this case's records, so one case's leftovers cannot fail another.
        const mine = new Set(
          [event.id, entity.lockId, entity.bookingId].filter((id): id is string => id !== undefined),
        );
        expect((await consistency(t)).filter((v) => mine.has(v.entityId))).toEqual([]);
      },
    );
  });

  describe('fencing', () => {
    it('a holder whose lease was taken over can no longer renew, finish its run or release the lease', async () => {
      await drain(t);
      const leaseRepo = t.app.get(JobLeasesRepository);
      const executionRepo = t.app.get(JobExecutionsRepository);
      const jobType: JobTypeName = 'EXPIRE_BOOKINGS';
      const inAMinute = () => new Date(Date.now() + 60_000);

      const a = await leaseRepo.acquire(jobType, 'holder-a', inAMinute(), new Date());
      expect(a).toBeDefined();
      const tokenA = a!.token;
      const runA: JobExecution = {
        id: uniqueKey('fenced-run'),
        jobType,
        status: 'RUNNING',
        trigger: 'manual',
        owner: 'holder-a',
        fencingToken: tokenA,
        startedAt: new Date(),
        results: { processed: 0, errors: 0, details: [] },
        expiresAt: new Date(Date.now() + HOUR_MS),
      };
      await executionRepo.start(runA);

      // While A holds the lease nobody else gets it.
      expect(await leaseRepo.acquire(jobType, 'holder-b', inAMinute(), new Date())).toBeUndefined();
      expect((await runJob(t, 'expire-bookings')).status).toBe(409);

      // A stalls past its lease; B takes over and, as every taker does, fails the runs below its token.
      await leases().updateOne({ _id: jobType }, { $set: { leaseUntil: new Date(Date.now() - 1_000) } });
      const b = await leaseRepo.acquire(jobType, 'holder-b', inAMinute(), new Date());
      expect(b).toBeDefined();
      expect(b!.token).toBe(tokenA + 1);
      expect(await executionRepo.failAbandoned(jobType, b!.token, 'taken over by holder-b', new Date())).toBe(1);
      const leaseOfB = await leaseDoc(jobType);
      expect(leaseOfB).toEqual({ owner: 'holder-b', token: tokenA + 1, leaseUntil: b!.leaseUntil });

      // A wakes up and tries to carry on with its stale token: every write is refused.
      expect(await leaseRepo.renew(a!, inAMinute())).toBe(false);
      const finished = await executionRepo.finish(runA.id, tokenA, {
        status: 'COMPLETED',
        results: { processed: 5, errors: 0, details: [] },
        completedAt: new Date(),
      });
      expect(finished).toBe(false);
      await leaseRepo.release(a!);
      expect(await leaseDoc(jobType)).toEqual(leaseOfB);
      expect(await executionRepo.findById(runA.id)).toMatchObject({
        status: 'FAILED',
        failureReason: 'taken over by holder-b',
        results: { processed: 0, errors: 0, details: [] },
      });
      expect((await runJob(t, 'expire-bookings')).status).toBe(409); // B still holds it

      // B, the rightful holder, can renew and release.
      const later = new Date(Date.now() + 90_000);
      expect(await leaseRepo.renew(b!, later)).toBe(true);
      expect((await leaseDoc(jobType))?.leaseUntil).toEqual(later);
      await leaseRepo.release(b!);
      const released = await leaseDoc(jobType);
      expect(released?.leaseUntil.getTime()).toBeLessThanOrEqual(Date.now());

      // A stale renewal cannot take back a free lease either.
      expect(await leaseRepo.renew(a!, inAMinute())).toBe(false);
      expect(await leaseDoc(jobType)).toEqual(released);

      const next = await runCompleted(t, 'expire-bookings');
      expect(next.fencingToken).toBe(tokenA + 2);
      expect(await executionRepo.findById(runA.id)).toMatchObject({ status: 'FAILED' });
    });
  });

  describe('scheduled runs', () => {
    it('JOBS_CRON_ENABLED=true runs both jobs on JOBS_CRON with trigger "cron"; =false with the same schedule runs none', async () => {
      const schedule = '*/1 * * * * *';
      const on = await startTestApp({ JOBS_CRON_ENABLED: 'true', JOBS_CRON: schedule, LOCK_TTL_SECONDS: '1' });
      let off: TestApp | undefined;
      try {
        off = await startTestApp({ JOBS_CRON_ENABLED: 'false', JOBS_CRON: schedule, LOCK_TTL_SECONDS: '1' });
        // The named @Cron jobs carry the configured schedule; only the enabled app's are running.
        for (const jobType of ['EXPIRE_LOCKS', 'EXPIRE_BOOKINGS'] as const) {
          const onJob = on.app.get(SchedulerRegistry).getCronJob(jobType);
          const offJob = off.app.get(SchedulerRegistry).getCronJob(jobType);
          expect({ schedule: onJob.cronTime.source, running: onJob.isActive }).toEqual({ schedule, running: true });
          expect({ schedule: offJob.cronTime.source, running: offJob.isActive }).toEqual({ schedule, running: false });
        }
        const onEvent = await createEvent(on, { totalSeats: 5 });
        const offEvent = await createEvent(off, { totalSeats: 5 });
        const onLock = await openLock(on, { eventId: onEvent.id, seats: 2 });
        const offLock = await openLock(off, { eventId: offEvent.id, seats: 2 });
        const waitStarted = Date.now();

        await eventually(async () => {
          for (const jobType of ['EXPIRE_LOCKS', 'EXPIRE_BOOKINGS'] as const) {
            const runs = await executions(on, jobType);
            expect(runs.some((e) => e.trigger === 'cron' && e.status === 'COMPLETED')).toBe(true);
          }
          expect(await lockStatus(on, onLock.id)).toBe('EXPIRED');
        }, 20_000);
        const cronRuns = await executions(on);
        expect(cronRuns.every((e) => e.trigger === 'cron')).toBe(true);
        expect(await availableSeats(on, onEvent.id)).toBe(5);
        expect(await audit(on, { lockId: onLock.id, action: 'LOCK_EXPIRED' })).toHaveLength(1);

        // The disabled app has waited at least as long (and at least a few ticks of the schedule).
        const waited = Date.now() - waitStarted;
        if (waited < 3_000) await sleep(3_000 - waited);
        expect(await executions(off)).toEqual([]);
        expect(await lockStatus(off, offLock.id)).toBe('ACTIVE');
        expect(await availableSeats(off, offEvent.id)).toBe(3);
      } finally {
        await off?.close();
        await on.close();
      }
    });
  });
});
