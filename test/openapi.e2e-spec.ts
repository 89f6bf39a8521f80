import { expectProblem } from './support/fixtures';
import { useTestApp } from './support/test-app';

interface Operation {
  parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { required?: boolean };
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<
      string,
      { properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: boolean }
    >;
  };
};

const PROBLEM_JSON_TYPE = 'application/problem+json';

describe('OpenAPI document (e2e)', () => {
  const t = useTestApp();
  let doc: Document;

  beforeAll(async () => {
    doc = (await t.http().get('/docs-json').expect(200)).body as Document;
  });

  describe('states the constraints the validation pipe enforces', () => {
    it('as types, bounds, patterns and required fields of the request bodies', () => {
      const lock = doc.components.schemas.CreateLockDto;
      expect(lock.properties.eventId).toMatchObject({ type: 'string', pattern: '^[0-9a-f]{24}$' });
      expect(lock.properties.seats).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
      expect(lock.properties.userId).toMatchObject({ minLength: 1, maxLength: 128 });
      expect(lock.required).toEqual(expect.arrayContaining(['eventId', 'seats']));
      // The lock's owner is the token's subject: userId may only repeat it (required only with identity off).
      expect(lock.required).not.toContain('userId');
      expect(lock.required).not.toContain('idempotencyKey');
      expect(doc.components.schemas.CreatePaymentIntentDto.properties.force.enum).toEqual([
        'success',
        'failure',
        'provider_error',
        'timeout_after_charge',
      ]);
    });

    it('refuses unknown fields in every request body, as the server does', async () => {
      const dtos = Object.entries(doc.components.schemas).filter(([name]) => name.endsWith('Dto'));
      expect(dtos.length).toBeGreaterThan(5);
      for (const [, schema] of dtos) expect(schema.additionalProperties).toBe(false);
      const res = await t
        .http()
        .post('/api/locks')
        .send({ eventId: 'a'.repeat(24), userId: 'u', seats: 1, idempotencyKey: 'k', extra: 1 });
      expectProblem(res, 400);
    });

    it('as canonical id patterns on path and query parameters', () => {
      const id = doc.paths['/api/events/{id}'].get.parameters?.find((p) => p.name === 'id');
      expect(id?.schema.pattern).toBe('^[0-9a-f]{24}$');
      const bookingId = doc.paths['/api/payments/charges'].get.parameters?.find((p) => p.name === 'bookingId');
      expect(bookingId?.schema.pattern).toBe('^[0-9a-f]{24}$');
    });

    it('and the server refuses an upper-case id the pattern excludes', async () => {
      expectProblem(await t.http().get(`/api/events/${'A'.repeat(24)}`), 400);
    });
  });

  describe('documents the protocol every endpoint shares', () => {
    it('errors as problem+json, the database outage and malformed requests included', () => {
      const responses = doc.paths['/api/locks'].post.responses;
      for (const status of ['400', '404', '409', '422', '503'])
        expect(Object.keys(responses[status].content ?? {})).toEqual([PROBLEM_JSON_TYPE]);
      expect(Object.keys(doc.paths['/api/jobs/executions'].get.responses)).toEqual(
        expect.arrayContaining(['400', '401', '503']),
      );
    });

    it('the correlation, replay and retry headers', () => {
      const pay = doc.paths['/api/payments/intent'].post;
      expect(pay.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
        expect.arrayContaining(['header:Idempotency-Key', 'header:X-Correlation-Id']),
      );
      expect(Object.keys(pay.responses['201'].headers ?? {})).toEqual(
        expect.arrayContaining(['X-Correlation-Id', 'Idempotent-Replayed']),
      );
      expect(Object.keys(pay.responses['409'].headers ?? {})).toContain('Retry-After');
    });

    it('bodies without a required field as optional', () => {
      expect(doc.paths['/api/jobs/expire-locks'].post.requestBody?.required).toBe(false);
      expect(doc.paths['/api/locks'].post.requestBody?.required).not.toBe(false);
    });
  });

  describe('a method the document does not list for a path', () => {
    it('answers 405 with Allow, as problem+json', async () => {
      const res = await t.http().trace('/health');
      expectProblem(res, 405, 'ROUTE.METHOD_NOT_ALLOWED');
      expect(res.headers.allow).toBe('GET, HEAD');
      const put = await t
        .http()
        .put(`/api/bookings/${'a'.repeat(24)}/cancel`)
        .send({});
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('POST');
    });

    it('leaves unknown paths to 404', async () => {
      expectProblem(await t.http().trace('/api/nothing-here'), 404);
    });
  });
});
