import type { Response, Test } from 'supertest';
import { expectProblem, uniqueKey, type BookingBody, type EventBody, type LockBody } from './support/fixtures';
import { useSecuredTestApp } from './support/test-app';

type Actor = 'owner' | 'other' | 'organizer' | 'admin' | 'anonymous';
const ACTORS: Actor[] = ['owner', 'other', 'organizer', 'admin', 'anonymous'];
/** Everyone but the owner, in the order they try: none of them may change anything. */
const NOT_OWNERS: Actor[] = ['other', 'organizer', 'admin', 'anonymous'];
const UNKNOWN_ID = '0123456789abcdef01234567';

/**
 * Who may do what to a customer's lock, booking, payment and ledger, route by route, with identity on.
 * The owner is alice; bob is another customer; olivia organizes events; ada is an admin. Someone else's
 * resource answers exactly as an unknown id does; an admin reads everything but acts for nobody.
 */
describe('Identity: ownership on every route (e2e)', () => {
  const t = useSecuredTestApp();
  const tokens = {} as Record<Exclude<Actor, 'anonymous'>, string>;
  let event: EventBody;

  const as = (actor: Actor, req: Test): Test =>
    actor === 'anonymous' ? req : req.set('Authorization', `Bearer ${tokens[actor]}`);
  const get = (actor: Actor, path: string) => as(actor, t.http().get(path));
  const post = (actor: Actor, path: string, body: object = {}) => as(actor, t.http().post(path)).send(body);

  /** The 404 someone else's resource gets is the one an unknown id gets, but for the id. */
  async function expectUnknown(res: Response, id: string, askUnknown: () => Promise<Response>): Promise<void> {
    const unknown = await askUnknown();
    expectProblem(res, 404);
    expectProblem(unknown, 404);
    expect(res.body.code).toBe(unknown.body.code);
    const detail = (answer: Response, asked: string) => String(answer.body.detail).replace(asked, '<id>');
    expect(detail(res, id)).toBe(detail(unknown, UNKNOWN_ID));
  }

  async function expectRefused(actor: Actor, res: Response, id: string, askUnknown: () => Promise<Response>) {
    if (actor === 'anonymous') return expectProblem(res, 401, 'AUTH.REQUIRED');
    if (actor === 'admin') return expectProblem(res, 403, 'AUTH.NOT_OWNER');
    return expectUnknown(res, id, askUnknown);
  }

  const seats = async () => (await get('owner', `/api/events/${event.id}`).expect(200)).body.availableSeats as number;

  const openLock = async (): Promise<LockBody> =>
    (await post('owner', '/api/locks', { eventId: event.id, seats: 2, idempotencyKey: uniqueKey('own') }).expect(201))
      .body as LockBody;

  const book = async (): Promise<BookingBody> =>
    (await post('owner', '/api/bookings', { seatLockId: (await openLock()).id }).expect(201)).body as BookingBody;

  beforeAll(async () => {
    tokens.owner = await t.issuer.token({ sub: 'alice' });
    tokens.other = await t.issuer.token({ sub: 'bob' });
    tokens.organizer = await t.issuer.token({ sub: 'olivia', roles: ['organizer'] });
    tokens.admin = await t.issuer.token({ sub: 'ada', roles: ['admin'] });
    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    event = (
      await post('organizer', '/api/events', { name: 'Owned', totalSeats: 100, price: 500, startsAt }).expect(201)
    ).body as EventBody;
  });

  describe('POST /api/events', () => {
    it.each<[Actor, number]>([
      ['organizer', 201],
      ['owner', 403],
      ['other', 403],
      ['admin', 403],
      ['anonymous', 401],
    ])('%s → %i', async (actor, status) => {
      const startsAt = new Date(Date.now() + 86_400_000).toISOString();
      const res = await post(actor, '/api/events', { name: 'x', totalSeats: 1, price: 1, startsAt });
      expect(res.status).toBe(status);
      if (status === 403) expectProblem(res, 403, 'AUTH.ROLE_REQUIRED');
    });
  });

  describe('GET /api/events/:id', () => {
    it.each<[Actor, number]>(ACTORS.map((actor) => [actor, actor === 'anonymous' ? 401 : 200]))(
      '%s → %i',
      async (actor, status) => {
        expect((await get(actor, `/api/events/${event.id}`)).status).toBe(status);
      },
    );
  });

  describe('POST /api/locks', () => {
    it('the lock belongs to the token subject; userId may only repeat it', async () => {
      const own = await post('owner', '/api/locks', {
        eventId: event.id,
        seats: 1,
        idempotencyKey: uniqueKey('l'),
      }).expect(201);
      expect(own.body.userId).toBe('alice');
      const named = await post('owner', '/api/locks', {
        eventId: event.id,
        userId: 'alice',
        seats: 1,
        idempotencyKey: uniqueKey('l'),
      });
      expect(named.status).toBe(201);
      expect(named.body.userId).toBe('alice');
    });

    it.each<Actor>(['owner', 'admin'])(
      '%s naming someone else as userId: 403, nothing held, the key unclaimed',
      async (actor) => {
        const before = await seats();
        const key = uniqueKey('foreign');
        const res = await post(actor, '/api/locks', {
          eventId: event.id,
          userId: 'bob',
          seats: 1,
          idempotencyKey: key,
        });
        expectProblem(res, 403, 'AUTH.OTHER_USER');
        expect(await seats()).toBe(before);
        // Refused, not stored: the same key then works for the caller's own lock.
        await post(actor, '/api/locks', { eventId: event.id, seats: 1, idempotencyKey: key }).expect(201);
      },
    );

    it('anonymous: 401', async () => {
      expectProblem(
        await post('anonymous', '/api/locks', { eventId: event.id, seats: 1, idempotencyKey: uniqueKey() }),
        401,
      );
    });
  });

  describe('GET /api/locks/:id', () => {
    it.each<[Actor, number]>([
      ['owner', 200],
      ['admin', 200],
      ['other', 404],
      ['organizer', 404],
      ['anonymous', 401],
    ])('%s → %i', async (actor, status) => {
      const lock = await openLock();
      const res = await get(actor, `/api/locks/${lock.id}`);
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body).toEqual(lock);
      if (status === 404) await expectUnknown(res, lock.id, () => get(actor, `/api/locks/${UNKNOWN_ID}`));
    });
  });

  describe('DELETE /api/locks/:id', () => {
    it('only the owner releases; the others change nothing', async () => {
      const lock = await openLock();
      const before = await seats();
      for (const actor of NOT_OWNERS) {
        const res = await as(actor, t.http().delete(`/api/locks/${lock.id}`)).send({});
        await expectRefused(actor, res, lock.id, () => as(actor, t.http().delete(`/api/locks/${UNKNOWN_ID}`)).send({}));
      }
      expect(await seats()).toBe(before);
      expect((await get('owner', `/api/locks/${lock.id}`).expect(200)).body.status).toBe('ACTIVE');

      const released = await as('owner', t.http().delete(`/api/locks/${lock.id}`))
        .send({})
        .expect(200);
      expect(released.body.status).toBe('RELEASED');
      expect(await seats()).toBe(before + 2);
    });
  });

  describe('POST /api/bookings', () => {
    it("only the lock's owner books it; the booking is theirs", async () => {
      const lock = await openLock();
      for (const actor of NOT_OWNERS) {
        const res = await post(actor, '/api/bookings', { seatLockId: lock.id, idempotencyKey: uniqueKey('b') });
        await expectRefused(actor, res, lock.id, () => post(actor, '/api/bookings', { seatLockId: UNKNOWN_ID }));
      }
      expect((await get('owner', `/api/locks/${lock.id}`).expect(200)).body.status).toBe('ACTIVE');

      const booked = await post('owner', '/api/bookings', { seatLockId: lock.id }).expect(201);
      expect(booked.body).toMatchObject({ seatLockId: lock.id, userId: 'alice', status: 'PENDING_PAYMENT' });
      // Once booked, still nobody else's: not even a second confirmation reveals it.
      const again = await post('other', '/api/bookings', { seatLockId: lock.id });
      await expectUnknown(again, lock.id, () => post('other', '/api/bookings', { seatLockId: UNKNOWN_ID }));
    });
  });

  describe('GET /api/bookings/:id', () => {
    it.each<[Actor, number]>([
      ['owner', 200],
      ['admin', 200],
      ['other', 404],
      ['organizer', 404],
      ['anonymous', 401],
    ])('%s → %i', async (actor, status) => {
      const booking = await book();
      const res = await get(actor, `/api/bookings/${booking.id}`);
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body).toEqual(booking);
      if (status === 404) await expectUnknown(res, booking.id, () => get(actor, `/api/bookings/${UNKNOWN_ID}`));
    });
  });

  describe('POST /api/payments/intent and GET /api/payments/charges', () => {
    it('only the owner pays; nobody else is charged anything or sees the ledger', async () => {
      const booking = await book();
      const intent = (key: string, bookingId = booking.id) => ({
        bookingId,
        amount: booking.amount,
        force: 'success',
        idempotencyKey: key,
      });
      for (const actor of NOT_OWNERS) {
        const res = await post(actor, '/api/payments/intent', intent(uniqueKey('p')));
        await expectRefused(actor, res, booking.id, () =>
          post(actor, '/api/payments/intent', intent(uniqueKey('p'), UNKNOWN_ID)),
        );
      }
      expect((await get('owner', `/api/payments/charges?bookingId=${booking.id}`).expect(200)).body).toEqual([]);

      const paid = await post('owner', '/api/payments/intent', intent(uniqueKey('p'))).expect(201);
      expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED' });

      const charges = `/api/payments/charges?bookingId=${booking.id}`;
      expect((await get('owner', charges).expect(200)).body).toHaveLength(1);
      expect((await get('admin', charges).expect(200)).body).toHaveLength(1);
      expectProblem(await get('anonymous', charges), 401);
      for (const actor of ['other', 'organizer'] as const) {
        await expectUnknown(await get(actor, charges), booking.id, () =>
          get(actor, `/api/payments/charges?bookingId=${UNKNOWN_ID}`),
        );
      }
    });
  });

  describe('POST /api/bookings/:id/cancel', () => {
    it('only the owner cancels; the others change nothing and see no refund', async () => {
      const booking = await book();
      const before = await seats();
      for (const actor of NOT_OWNERS) {
        const res = await post(actor, `/api/bookings/${booking.id}/cancel`, { idempotencyKey: uniqueKey('c') });
        await expectRefused(actor, res, booking.id, () => post(actor, `/api/bookings/${UNKNOWN_ID}/cancel`));
      }
      expect((await get('owner', `/api/bookings/${booking.id}`).expect(200)).body.status).toBe('PENDING_PAYMENT');
      expect(await seats()).toBe(before);

      const cancelled = await post('owner', `/api/bookings/${booking.id}/cancel`, {
        idempotencyKey: uniqueKey('c'),
      }).expect(200);
      expect(cancelled.body.status).toBe('CANCELLED');
      expect(await seats()).toBe(before + 2);
    });
  });
});
