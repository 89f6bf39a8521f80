import {
  OBJECT_ID,
  PROBLEM_JSON,
  audit,
  availableSeats,
  confirmLock,
  consistency,
  consistencyReport,
  countStatuses,
  createEvent,
  openLock,
  releaseLock,
  requestLock,
  uniqueKey,
  type LockBody,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

describe('Seat locks (e2e)', () => {
  const t = useTestApp();

  describe('POST /api/locks', () => {
    it('opens an ACTIVE lock, takes its seats from the event and audits LOCK_CREATED', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('open');
      const correlationId = uniqueKey('corr-open');

      const res = await requestLock(t, { eventId: event.id, userId: 'user-7', seats: 3, key, correlationId }).expect(
        201,
      );

      expect(res.body).toEqual({
        id: expect.stringMatching(OBJECT_ID),
        eventId: event.id,
        userId: 'user-7',
        seats: 3,
        status: 'ACTIVE',
        expiresAt: expect.any(String),
        idempotencyKey: key,
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(await availableSeats(t, event.id)).toBe(7);

      const entries = await audit(t, { lockId: res.body.id });
      expect(entries).toEqual([
        expect.objectContaining({
          lockId: res.body.id,
          action: 'LOCK_CREATED',
          fromState: null,
          toState: 'ACTIVE',
          correlationId,
        }),
      ]);
      expect(entries[0]).toMatchObject({
        id: expect.any(String),
        metadata: expect.any(Object),
        createdAt: expect.any(String),
      });
      expect(new Date(entries[0].createdAt).toISOString()).toBe(entries[0].createdAt);
      expect(await consistency(t)).toEqual([]);
    });

    it('accepts the idempotency key from the Idempotency-Key header', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const key = uniqueKey('header');

      const res = await t
        .http()
        .post('/api/locks')
        .set('Idempotency-Key', key)
        .send({ eventId: event.id, userId: 'user-h', seats: 2 })
        .expect(201);

      expect(res.body).toMatchObject({ status: 'ACTIVE', seats: 2, idempotencyKey: key });
      expect(await availableSeats(t, event.id)).toBe(3);

      const replay = await t
        .http()
        .post('/api/locks')
        .send({ eventId: event.id, userId: 'user-h', seats: 2, idempotencyKey: key })
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(res.body);
      expect(await availableSeats(t, event.id)).toBe(3);
      expect(await consistency(t)).toEqual([]);
    });

    it('accepts the same key in the header and in the body', async () => {
      const event = await createEvent(t, { totalSeats: 5 });
      const key = uniqueKey('both');
      const res = await t
        .http()
        .post('/api/locks')
        .set('Idempotency-Key', key)
        .send({ eventId: event.id, userId: 'user-b', seats: 1, idempotencyKey: key })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'ACTIVE', idempotencyKey: key });
      expect(await availableSeats(t, event.id)).toBe(4);
    });

    it('refuses more seats than are left with 409 SEATS.UNAVAILABLE and takes nothing', async () => {
      const event = await createEvent(t, { totalSeats: 4 });
      await openLock(t, { eventId: event.id, seats: 3 });
      const before = await consistencyReport(t);

      const res = await requestLock(t, { eventId: event.id, seats: 2 }).expect(409);

      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 409, code: 'SEATS.UNAVAILABLE' });
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
      expect(await availableSeats(t, event.id)).toBe(1);
      const after = await consistencyReport(t);
      expect(after.locks).toBe(before.locks);
      expect(after.violations).toEqual([]);
    });

    it('answers 404 for an event that does not exist', async () => {
      const res = await requestLock(t, { eventId: '0123456789abcdef01234567' }).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 404, code: 'EVENT.NOT_FOUND' });
    });

    it('replays the stored answer for the same key and payload, audits the retry and takes the seats once', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('replay');
      const originalCorrelation = uniqueKey('corr-orig');
      const retryCorrelation = uniqueKey('corr-retry');

      const first = await requestLock(t, {
        eventId: event.id,
        userId: 'u-r',
        seats: 2,
        key,
        correlationId: originalCorrelation,
      }).expect(201);
      const second = await requestLock(t, {
        eventId: event.id,
        userId: 'u-r',
        seats: 2,
        key,
        correlationId: retryCorrelation,
      }).expect(201);

      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.headers['x-correlation-id']).toBe(retryCorrelation);
      expect(second.body).toEqual(first.body);
      expect(await availableSeats(t, event.id)).toBe(8);

      const created = await audit(t, { lockId: first.body.id, action: 'LOCK_CREATED' });
      expect(created).toHaveLength(1);
      expect(created[0].correlationId).toBe(originalCorrelation);

      const retries = await audit(t, { lockId: first.body.id, isRetry: true });
      expect(retries).toEqual([
        expect.objectContaining({
          lockId: first.body.id,
          action: 'REQUEST_RETRY',
          correlationId: retryCorrelation,
          metadata: expect.objectContaining({ isRetry: true, originalCorrelationId: originalCorrelation }),
        }),
      ]);
      const byAction = await audit(t, { lockId: first.body.id, action: 'REQUEST_RETRY' });
      expect(byAction.map((e) => e.id)).toEqual(retries.map((e) => e.id));
      const nonRetries = await audit(t, { lockId: first.body.id, isRetry: false });
      expect(nonRetries.map((e) => e.action)).toEqual(['LOCK_CREATED']);
      expect(await consistency(t)).toEqual([]);
    });

    it('replays a refused request (seats unavailable) as the same 409', async () => {
      const event = await createEvent(t, { totalSeats: 2 });
      const key = uniqueKey('refused');
      const first = await requestLock(t, { eventId: event.id, seats: 3, key }).expect(409);
      const second = await requestLock(t, { eventId: event.id, seats: 3, key }).expect(409);
      expect(first.body.code).toBe('SEATS.UNAVAILABLE');
      expect(second.body.code).toBe('SEATS.UNAVAILABLE');
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await availableSeats(t, event.id)).toBe(2);
      expect(await consistency(t)).toEqual([]);
    });

    describe('a key reused with a different payload is refused with 422 IDEMPOTENCY.KEY_REUSED', () => {
      let event: { id: string };
      let other: { id: string };
      let key: string;
      let lock: LockBody;

      beforeAll(async () => {
        event = await createEvent(t, { totalSeats: 10 });
        other = await createEvent(t, { totalSeats: 10 });
        key = uniqueKey('reuse');
        lock = await openLock(t, { eventId: event.id, userId: 'owner', seats: 2, key });
      });

      it.each([
        ['other seats', () => ({ eventId: event.id, userId: 'owner', seats: 3 })],
        ['other user', () => ({ eventId: event.id, userId: 'intruder', seats: 2 })],
        ['other event', () => ({ eventId: other.id, userId: 'owner', seats: 2 })],
      ])('%s', async (_label, payload) => {
        const before = await consistencyReport(t);
        const res = await requestLock(t, { ...payload(), key }).expect(422);

        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
        expect(res.headers['idempotent-replayed']).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toContain(lock.id);
        expect(await availableSeats(t, event.id)).toBe(8);
        expect(await availableSeats(t, other.id)).toBe(10);
        const after = await consistencyReport(t);
        expect(after.locks).toBe(before.locks);
        expect(after.violations).toEqual([]);
      });
    });
  });

  describe('GET /api/locks/:id', () => {
    it('reads a lock back', async () => {
      const event = await createEvent(t, { totalSeats: 3 });
      const lock = await openLock(t, { eventId: event.id, seats: 1 });
      const res = await t.http().get(`/api/locks/${lock.id}`).expect(200);
      expect(res.body).toEqual(lock);
    });

    it('answers 404 problem+json for an unknown lock', async () => {
      const res = await t.http().get('/api/locks/0123456789abcdef01234567').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.status).toBe(404);
    });

    it('answers 400 for an id that is not an ObjectId', async () => {
      const res = await t.http().get('/api/locks/not-an-id').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('DELETE /api/locks/:id', () => {
    it('releases the lock, returns its seats once, and answers the same when repeated', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const lock = await openLock(t, { eventId: event.id, seats: 4 });
      expect(await availableSeats(t, event.id)).toBe(6);
      const correlationId = uniqueKey('corr-release');

      const first = await releaseLock(t, lock.id, correlationId).expect(200);
      expect(first.body).toEqual({ ...lock, status: 'RELEASED' });
      expect(await availableSeats(t, event.id)).toBe(10);
      expect(await consistency(t)).toEqual([]);

      const second = await releaseLock(t, lock.id).expect(200);
      expect(second.body).toEqual(first.body);
      expect(await availableSeats(t, event.id)).toBe(10);

      const read = await t.http().get(`/api/locks/${lock.id}`).expect(200);
      expect(read.body.status).toBe('RELEASED');

      const released = await audit(t, { lockId: lock.id, action: 'LOCK_RELEASED' });
      expect(released).toEqual([
        expect.objectContaining({ lockId: lock.id, fromState: 'ACTIVE', toState: 'RELEASED', correlationId }),
      ]);
      expect((await audit(t, { lockId: lock.id, isRetry: false })).map((e) => e.action)).toEqual([
        'LOCK_CREATED',
        'LOCK_RELEASED',
      ]);
      expect(await consistency(t)).toEqual([]);
    });

    it('returns the seats once when the same lock is released 10 times concurrently', async () => {
      const event = await createEvent(t, { totalSeats: 8 });
      const lock = await openLock(t, { eventId: event.id, seats: 5 });

      const answers = await Promise.all(Array.from({ length: 10 }, () => releaseLock(t, lock.id)));

      expect(countStatuses(answers)).toEqual({ 200: 10 });
      for (const res of answers) expect(res.body).toEqual({ ...lock, status: 'RELEASED' });
      expect(await availableSeats(t, event.id)).toBe(8);
      expect(await audit(t, { lockId: lock.id, action: 'LOCK_RELEASED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });

    it('refuses to release a consumed lock with 409 LOCK.NOT_ACTIVE and keeps its seats held', async () => {
      const event = await createEvent(t, { totalSeats: 6 });
      const lock = await openLock(t, { eventId: event.id, seats: 2 });
      await confirmLock(t, lock.id);
      expect(await availableSeats(t, event.id)).toBe(4);

      const res = await releaseLock(t, lock.id).expect(409);

      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 409, code: 'LOCK.NOT_ACTIVE' });
      expect(await availableSeats(t, event.id)).toBe(4);
      expect((await t.http().get(`/api/locks/${lock.id}`).expect(200)).body.status).toBe('CONSUMED');
      expect(await consistency(t)).toEqual([]);
    });

    it('answers 404 for an unknown lock', async () => {
      const res = await releaseLock(t, '0123456789abcdef01234567').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('concurrency', () => {
    it('grants exactly 20 of 40 concurrent one-seat locks on a 20-seat event and refuses the rest', async () => {
      const event = await createEvent(t, { totalSeats: 20 });

      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          requestLock(t, { eventId: event.id, userId: `racer-${i}`, seats: 1, key: uniqueKey(`race-${i}`) }),
        ),
      );

      expect(countStatuses(answers)).toEqual({ 201: 20, 409: 20 });
      const granted = answers.filter((res) => res.status === 201);
      for (const res of granted) expect(res.body).toMatchObject({ status: 'ACTIVE', eventId: event.id, seats: 1 });
      expect(new Set(granted.map((res) => res.body.id)).size).toBe(20);
      for (const res of answers.filter((r) => r.status === 409)) {
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.body.code).toBe('SEATS.UNAVAILABLE');
      }
      expect(await availableSeats(t, event.id)).toBe(0);
      expect(await consistency(t)).toEqual([]);
    });

    it('executes 30 concurrent identical requests (one key) once: same lock id or 409 IDEMPOTENCY.IN_PROGRESS', async () => {
      const event = await createEvent(t, { totalSeats: 10 });
      const key = uniqueKey('twins');

      const answers = await Promise.all(
        Array.from({ length: 30 }, () => requestLock(t, { eventId: event.id, userId: 'twin', seats: 3, key })),
      );

      const ok = answers.filter((res) => res.status === 201);
      const inProgress = answers.filter((res) => res.status === 409);
      expect(ok.length + inProgress.length).toBe(30);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ok.map((res) => res.body.id)).size).toBe(1);
      for (const res of ok) expect(res.body).toMatchObject({ status: 'ACTIVE', seats: 3, idempotencyKey: key });
      for (const res of inProgress) {
        expect(res.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
        expect(res.headers['retry-after']).toEqual(expect.any(String));
      }
      expect(await availableSeats(t, event.id)).toBe(7);
      expect(await audit(t, { lockId: ok[0].body.id, action: 'LOCK_CREATED' })).toHaveLength(1);
      expect(await consistency(t)).toEqual([]);
    });
  });

  describe('bad input is refused with 4xx problem+json and moves no seat', () => {
    let event: { id: string };

    beforeAll(async () => {
      event = await createEvent(t, { totalSeats: 100 });
    });

    const valid = () => ({ eventId: event.id, userId: 'user-x', seats: 1, idempotencyKey: uniqueKey('bad') });

    it.each<[string, () => Record<string, unknown>, number]>([
      ['zero seats', () => ({ ...valid(), seats: 0 }), 400],
      ['51 seats', () => ({ ...valid(), seats: 51 }), 400],
      ['seats as a string', () => ({ ...valid(), seats: '5' }), 400],
      ['fractional seats', () => ({ ...valid(), seats: 2.5 }), 400],
      ['negative seats', () => ({ ...valid(), seats: -1 }), 400],
      ['missing userId', () => ({ eventId: event.id, seats: 1, idempotencyKey: uniqueKey('bad') }), 400],
      ['unknown (well-formed) eventId', () => ({ ...valid(), eventId: '0123456789abcdef01234567' }), 404],
      ['operator as the eventId', () => ({ ...valid(), eventId: { $gt: '' } }), 400],
      ['$where key', () => ({ ...valid(), $where: 'sleep(100)' }), 400],
      ['idempotencyKey of 256 characters', () => ({ ...valid(), idempotencyKey: 'k'.repeat(256) }), 400],
      ['missing idempotencyKey', () => ({ eventId: event.id, userId: 'user-x', seats: 1 }), 400],
      ['unknown field', () => ({ ...valid(), color: 'red' }), 400],
    ])('%s', async (_label, body, status) => {
      const before = await consistencyReport(t);
      const seatsBefore = await availableSeats(t, event.id);

      const res = await t.http().post('/api/locks').send(body()).expect(status);

      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status,
        type: expect.any(String),
        detail: expect.any(String),
        code: expect.any(String),
      });
      expect(await availableSeats(t, event.id)).toBe(seatsBefore);
      const after = await consistencyReport(t);
      expect(after.locks).toBe(before.locks);
      expect(after.violations).toEqual([]);
    });

    it('header key and body key both present and different', async () => {
      const seatsBefore = await availableSeats(t, event.id);
      const res = await t
        .http()
        .post('/api/locks')
        .set('Idempotency-Key', uniqueKey('header'))
        .send({ ...valid(), idempotencyKey: uniqueKey('body') })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(await availableSeats(t, event.id)).toBe(seatsBefore);
    });

    it('a request refused by validation does not claim its key', async () => {
      const key = uniqueKey('unclaimed');
      await t
        .http()
        .post('/api/locks')
        .send({ eventId: event.id, userId: 'user-v', seats: 0, idempotencyKey: key })
        .expect(400);
      const res = await t
        .http()
        .post('/api/locks')
        .send({ eventId: event.id, userId: 'user-v', seats: 1, idempotencyKey: key })
        .expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).toMatchObject({ status: 'ACTIVE', idempotencyKey: key });
      expect(await consistency(t)).toEqual([]);
    });
  });
});
