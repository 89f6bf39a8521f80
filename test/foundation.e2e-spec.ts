import { eventually } from './support/async';
import { OBJECT_ID, PROBLEM_JSON, future } from './support/fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, useTestApp } from './support/test-app';

describe('Foundation (e2e)', () => {
  const t = useTestApp();

  describe('events', () => {
    it('creates an event and reads it back with all seats available', async () => {
      const created = await t
        .http()
        .post('/api/events')
        .send({ name: 'Concert', totalSeats: 20, price: 2500, startsAt: future(30) })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(OBJECT_ID),
        name: 'Concert',
        totalSeats: 20,
        availableSeats: 20,
        price: 2500,
        startsAt: expect.any(String),
      });

      const read = await t.http().get(`/api/events/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('answers 404 problem+json for an unknown id', async () => {
      const res = await t.http().get('/api/events/0123456789abcdef01234567').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 404, code: 'EVENT.NOT_FOUND', title: 'Not found' });
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
    });

    it('answers 400 for an id that is not an ObjectId', async () => {
      const res = await t.http().get('/api/events/not-an-id').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('bad input is refused with 400 problem+json and writes nothing', () => {
    const valid = () => ({ name: 'Show', totalSeats: 10, price: 100, startsAt: future(10) });

    it.each([
      ['wrong type', { ...valid(), totalSeats: '10' }],
      ['fractional seats', { ...valid(), totalSeats: 2.5 }],
      ['zero seats', { ...valid(), totalSeats: 0 }],
      ['too many seats', { ...valid(), totalSeats: 100_001 }],
      ['negative price', { ...valid(), price: -1 }],
      ['missing name', { totalSeats: 10, price: 100, startsAt: future(10) }],
      ['unknown field', { ...valid(), color: 'red' }],
      ['operator in a value', { ...valid(), name: { $gt: '' } }],
      ['operator as a top-level key', { ...valid(), $where: 'sleep(100)' }],
      ['start in the past', { ...valid(), startsAt: '2001-01-01T00:00:00.000Z' }],
      ['not a date', { ...valid(), startsAt: 'tomorrow' }],
    ])('%s', async (_label, body) => {
      const res = await t.http().post('/api/events').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 400, type: expect.any(String), detail: expect.any(String) });
    });

    it('malformed JSON', async () => {
      const res = await t
        .http()
        .post('/api/events')
        .set('Content-Type', 'application/json')
        .send('{"name": "x", ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.correlationId).toEqual(expect.any(String));
    });

    it('an array instead of an object', async () => {
      await t.http().post('/api/events').send([valid()]).expect(400);
    });

    it('unknown routes get 404 problem+json', async () => {
      const res = await t.http().get('/api/nothing-here').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('correlation id', () => {
    it('adopts a sane caller id and echoes it', async () => {
      const res = await t.http().get('/health').set('X-Correlation-Id', 'client-abc.123').expect(200);
      expect(res.headers['x-correlation-id']).toBe('client-abc.123');
    });

    it('generates one when absent or unsafe', async () => {
      const none = await t.http().get('/health').expect(200);
      expect(none.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      const unsafe = await t.http().get('/health').set('X-Correlation-Id', 'bad id\twith spaces').expect(200);
      expect(unsafe.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('documentation and metrics', () => {
    it('serves Swagger UI and the OpenAPI document', async () => {
      await t.http().get('/docs').expect(200).expect('Content-Type', /html/);
      const spec = await t.http().get('/docs-json').expect(200);
      expect(spec.body.paths['/api/events']).toBeDefined();
      expect(spec.body.components.schemas.CreateEventDto.required).toEqual(
        expect.arrayContaining(['name', 'totalSeats', 'price', 'startsAt']),
      );
    });

    it('exposes Prometheus metrics', async () => {
      const res = await t.http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('http_request_duration_seconds_count');
    });
  });

  describe('the embedded engine keeps its data in DATA_DIR', () => {
    it('still has an event after the service is stopped and started again on the same folder', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'booking-restart-'));
      try {
        const first = await startTestApp({ DATA_DIR: dataDir });
        const created = await first
          .http()
          .post('/api/events')
          .send({ name: 'Kept', totalSeats: 7, price: 300, startsAt: future(20) })
          .expect(201);
        await first.close();

        const second = await startTestApp({ DATA_DIR: dataDir });
        try {
          const read = await second.http().get(`/api/events/${created.body.id}`).expect(200);
          expect(read.body).toEqual(created.body);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('health follows the database', () => {
    it('reports 503 while the engine is stopped and 200 once it is back, without a restart', async () => {
      const created = await t
        .http()
        .post('/api/events')
        .send({ name: 'Survivor', totalSeats: 5, price: 0, startsAt: future(5) })
        .expect(201);
      await t.http().get('/health').expect(200, { status: 'ok', db: 'up' });

      await t.engine!.stop();
      const down = await t.http().get('/health').expect(503);
      expect(down.body).toEqual({ status: 'degraded', db: 'down' });
      const read = await t.http().get(`/api/events/${created.body.id}`).expect(503);
      expect(read.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(read.body.code).toBe('DATABASE.UNAVAILABLE');
      expect(JSON.stringify(read.body)).not.toMatch(/Mongo|stack|at /);

      await t.engine!.start();
      await eventually(async () => {
        await t.http().get('/health').expect(200, { status: 'ok', db: 'up' });
      });
      await t.http().get(`/api/events/${created.body.id}`).expect(200);
    });
  });
});
