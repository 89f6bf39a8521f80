import { SignJWT, UnsecuredJWT } from 'jose';
import type { Test } from 'supertest';
import { expectProblem, idempotencyRecords, uniqueKey, type EventBody } from './support/fixtures';
import { LOCAL_AUDIENCE, LocalIssuer } from './support/local-issuer';
import { useSecuredTestApp } from './support/test-app';

const ADMIN_TOKEN = 'operators-machine-credential';

/**
 * Bearer tokens against a real issuer: a LocalIssuer on loopback publishing keys generated here, and the
 * app fetching them as it would from Auth0 or Keycloak. Nothing about the guard is mocked.
 */
describe('Identity: bearer tokens (e2e)', () => {
  // No cooldown, so the rotation below is seen at once; the cooldown's purpose is covered by its own config.
  const t = useSecuredTestApp({ ADMIN_TOKEN, AUTH_KEY_COOLDOWN_SECONDS: '0' });
  const bearer = (req: Test, token: string) => req.set('Authorization', `Bearer ${token}`);
  const organizer = () => t.issuer.token({ sub: 'olivia', roles: ['organizer'] });
  const customer = (sub = 'alice') => t.issuer.token({ sub });
  let event: EventBody;

  beforeAll(async () => {
    const res = await bearer(t.http().post('/api/events'), await organizer())
      .send({ name: 'Secured show', totalSeats: 50, price: 1000, startsAt: '2031-01-01T19:00:00.000Z' })
      .expect(201);
    event = res.body as EventBody;
  });

  const seats = async () => {
    const res = await bearer(t.http().get(`/api/events/${event.id}`), await customer()).expect(200);
    return (res.body as EventBody).availableSeats;
  };

  describe('a request without a token', () => {
    it.each([
      ['no Authorization header', undefined],
      ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
    ])('%s: 401 problem+json with a plain Bearer challenge', async (_case, header) => {
      const req = t.http().get(`/api/events/${event.id}`);
      if (header) req.set('Authorization', header);
      const res = await req;
      expectProblem(res, 401, 'AUTH.REQUIRED');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    });
  });

  describe('a bad token is 401 invalid_token, claims no key and writes nothing', () => {
    const badTokens: [string, () => Promise<string>][] = [
      ['expired', () => t.issuer.token({ sub: 'alice' }, { expiresIn: -120 })],
      ['not yet valid', () => t.issuer.token({ sub: 'alice' }, { notBefore: 120 })],
      ['for another audience', () => t.issuer.token({ sub: 'alice' }, { audience: 'another-api' })],
      ['from another issuer', () => t.issuer.token({ sub: 'alice' }, { issuer: 'http://127.0.0.1:1/other' })],
      [
        'signed with a key the issuer never published',
        async () => t.issuer.token({ sub: 'alice' }, { key: await LocalIssuer.newKey() }),
      ],
      [
        'unsigned (alg: none)',
        async () =>
          new UnsecuredJWT({ sub: 'alice' })
            .setIssuer(t.issuer.url)
            .setAudience(LOCAL_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .encode(),
      ],
      [
        'HS256 with the public key as the secret',
        async () =>
          new SignJWT({ sub: 'alice' })
            .setProtectedHeader({ alg: 'HS256', kid: t.issuer.currentKey.kid })
            .setIssuer(t.issuer.url)
            .setAudience(LOCAL_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(await t.issuer.publicKeyPem())),
      ],
      ['without a subject', () => t.issuer.token({ sub: null })],
      ['garbage', async () => 'not-a-jwt'],
      [
        'a signature from another token',
        async () => {
          const [header, payload] = (await t.issuer.token({ sub: 'mallory', roles: ['admin'] })).split('.');
          const [, , signature] = (await t.issuer.token({ sub: 'alice' })).split('.');
          return `${header}.${payload}.${signature}`;
        },
      ],
    ];

    it.each(badTokens)('%s', async (_case, makeToken) => {
      const key = uniqueKey('bad-token');
      const before = await seats();

      const res = await bearer(t.http().post('/api/locks'), await makeToken()).send({
        eventId: event.id,
        seats: 2,
        idempotencyKey: key,
      });

      expectProblem(res, 401, 'AUTH.INVALID_TOKEN');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api", error="invalid_token"/);
      expect(await idempotencyRecords(t).countDocuments({ key })).toBe(0);
      expect(await seats()).toBe(before);
    });
  });

  it('accepts an ES256 key as well as RS256', async () => {
    await t.issuer.rotate('ES256');
    await bearer(t.http().get(`/api/events/${event.id}`), await customer()).expect(200);
  });

  it('follows a key rotation at the issuer without a restart', async () => {
    await bearer(t.http().get(`/api/events/${event.id}`), await customer()).expect(200);
    const fetches = t.issuer.jwksFetches;

    const rotated = await t.issuer.rotate();
    const res = await bearer(t.http().get(`/api/events/${event.id}`), await customer()).expect(200);

    expect(res.body).toMatchObject({ id: event.id });
    expect(t.issuer.currentKey.kid).toBe(rotated.kid);
    expect(t.issuer.jwksFetches).toBe(fetches + 1);
  });

  describe('one idempotency key sent by two people is two independent requests', () => {
    it('locks: each gets a lock of their own, and each replay returns their own', async () => {
      const key = uniqueKey('shared');
      const [alice, bob] = [await customer('alice'), await customer('bob')];
      const before = await seats();

      const first = await bearer(t.http().post('/api/locks'), alice).send({
        eventId: event.id,
        seats: 1,
        idempotencyKey: key,
      });
      const second = await bearer(t.http().post('/api/locks'), bob).send({
        eventId: event.id,
        seats: 2,
        idempotencyKey: key,
      });

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(first.body).toMatchObject({ userId: 'alice', seats: 1, idempotencyKey: key });
      expect(second.body).toMatchObject({ userId: 'bob', seats: 2, idempotencyKey: key });
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(await seats()).toBe(before - 3);

      const replay = await bearer(t.http().post('/api/locks'), bob).send({
        eventId: event.id,
        seats: 2,
        idempotencyKey: key,
      });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(second.body);
      expect(await seats()).toBe(before - 3);
    });

    it('events: two organizers with one key schedule two events', async () => {
      const key = uniqueKey('shared-event');
      const body = {
        name: 'Twin',
        totalSeats: 5,
        price: 100,
        startsAt: '2031-02-01T19:00:00.000Z',
        idempotencyKey: key,
      };
      const first = await bearer(t.http().post('/api/events'), await organizer())
        .send(body)
        .expect(201);
      const otherOrganizer = await t.issuer.token({ sub: 'oscar', roles: ['organizer'] });
      const second = await bearer(t.http().post('/api/events'), otherOrganizer).send(body).expect(201);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  describe('operator routes', () => {
    it.each([
      ['POST', '/api/jobs/expire-locks'],
      ['GET', '/api/jobs/executions'],
      ['GET', '/api/audit'],
      ['GET', '/api/admin/consistency'],
    ])(
      '%s %s: 200 for the admin role and for ADMIN_TOKEN, 403 without the role, 401 without a token',
      async (method, path) => {
        const send = (token?: string) => {
          const req = method === 'POST' ? t.http().post(path).send({}) : t.http().get(path);
          return token === undefined ? req : bearer(req, token);
        };
        expect((await send(await t.issuer.token({ sub: 'ada', roles: ['admin'] }))).status).toBe(200);
        expect((await send(ADMIN_TOKEN)).status).toBe(200);
        expectProblem(
          await send(await t.issuer.token({ sub: 'olivia', roles: ['organizer'] })),
          403,
          'AUTH.ROLE_REQUIRED',
        );
        expectProblem(await send(await customer()), 403, 'AUTH.ROLE_REQUIRED');
        expectProblem(await send(), 401, 'AUTH.REQUIRED');
      },
    );

    it('takes ADMIN_TOKEN on operator routes only', async () => {
      const res = await bearer(t.http().get(`/api/events/${event.id}`), ADMIN_TOKEN);
      expectProblem(res, 401, 'AUTH.INVALID_TOKEN');
    });
  });

  it('serves health, metrics and the API description without a token', async () => {
    await t.http().get('/health').expect(200);
    await t.http().get('/metrics').expect(200);
    const doc = await t.http().get('/docs-json').expect(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('declares the bearer scheme on every /api operation of the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const unsecured = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => !operation.security?.some((scheme) => 'bearer' in scheme))
          .map(([method]) => `${method} ${path}`),
      );
    expect(unsecured).toEqual([]);
  });
});
