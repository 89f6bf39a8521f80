import type { Response, Test } from 'supertest';
import type { TestApp } from './test-app';

/** Small helpers shared by the e2e specs. They speak HTTP only, exactly as a client would. */

export const PROBLEM_JSON = /^application\/problem\+json/;
export const OBJECT_ID = /^[0-9a-f]{24}$/;

export const future = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

let counter = 0;
/** A key (or correlation id) unique within the run, readable in failure output. */
export const uniqueKey = (prefix = 'key'): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export interface EventBody {
  id: string;
  name: string;
  totalSeats: number;
  availableSeats: number;
  price: number;
  startsAt: string;
}

export interface LockBody {
  id: string;
  eventId: string;
  userId: string;
  seats: number;
  status: string;
  expiresAt: string;
  idempotencyKey: string;
}

export interface BookingBody {
  id: string;
  seatLockId: string;
  eventId: string;
  userId: string;
  seats: number;
  amount: number;
  status: string;
  expiresAt: string;
  refund?: { amount: number; policy: string; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface AuditEntryBody {
  id: string;
  bookingId?: string;
  lockId?: string;
  action: string;
  fromState: string | null;
  toState: string;
  correlationId: string;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface Violation {
  kind: string;
  entityId: string;
  detail: string;
}

export async function createEvent(t: TestApp, input: { totalSeats: number; price?: number; name?: string }): Promise<EventBody> {
  const res = await t
    .http()
    .post('/api/events')
    .send({ name: input.name ?? 'Show', totalSeats: input.totalSeats, price: input.price ?? 1000, startsAt: future(30) })
    .expect(201);
  return res.body as EventBody;
}

export async function availableSeats(t: TestApp, eventId: string): Promise<number> {
  const res = await t.http().get(`/api/events/${eventId}`).expect(200);
  return (res.body as EventBody).availableSeats;
}

export interface LockRequest {
  eventId: string;
  userId?: string;
  seats?: number;
  key?: string;
  correlationId?: string;
}

/** POST /api/locks with the key in the body; answers the raw response, whatever its status. */
export function requestLock(t: TestApp, input: LockRequest): Test {
  const req = t.http().post('/api/locks');
  if (input.correlationId) req.set('X-Correlation-Id', input.correlationId);
  return req.send({
    eventId: input.eventId,
    userId: input.userId ?? 'user-1',
    seats: input.seats ?? 1,
    idempotencyKey: input.key ?? uniqueKey('lock'),
  });
}

/** Opens a lock that must succeed. */
export async function openLock(t: TestApp, input: LockRequest): Promise<LockBody> {
  const res = await requestLock(t, input);
  expect(res.status).toBe(201);
  return res.body as LockBody;
}

export function releaseLock(t: TestApp, lockId: string, correlationId?: string): Test {
  const req = t.http().delete(`/api/locks/${lockId}`);
  if (correlationId) req.set('X-Correlation-Id', correlationId);
  return req.send();
}

/** POST /api/bookings; `key` undefined sends no idempotency key at all. */
export function requestBooking(t: TestApp, seatLockId: string, key?: string, correlationId?: string): Test {
  const req = t.http().post('/api/bookings');
  if (correlationId) req.set('X-Correlation-Id', correlationId);
  return req.send(key === undefined ? { seatLockId } : { seatLockId, idempotencyKey: key });
}

/** Confirms a lock that must turn into a new booking. */
export async function confirmLock(t: TestApp, seatLockId: string, key?: string): Promise<BookingBody> {
  const res = await requestBooking(t, seatLockId, key);
  expect(res.status).toBe(201);
  return res.body as BookingBody;
}

/** POST /api/bookings/:id/cancel; `key` undefined sends no idempotency key at all. */
export function requestCancel(
  t: TestApp,
  bookingId: string,
  options: { key?: string; reason?: string; correlationId?: string } = {},
): Test {
  const req = t.http().post(`/api/bookings/${bookingId}/cancel`);
  if (options.correlationId) req.set('X-Correlation-Id', options.correlationId);
  const body: Record<string, string> = {};
  if (options.reason !== undefined) body.reason = options.reason;
  if (options.key !== undefined) body.idempotencyKey = options.key;
  return req.send(body);
}

export async function consistencyReport(
  t: TestApp,
): Promise<{ checkedAt: string; events: number; locks: number; bookings: number; violations: Violation[] }> {
  const res = await t.http().get('/api/admin/consistency').expect(200);
  return res.body;
}

/** The consistency check's violations; every scenario expects `[]`. */
export async function consistency(t: TestApp): Promise<Violation[]> {
  return (await consistencyReport(t)).violations;
}

export async function audit(
  t: TestApp,
  query: { bookingId?: string; lockId?: string; action?: string; isRetry?: boolean },
): Promise<AuditEntryBody[]> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const res = await t.http().get(`/api/audit?${params.toString()}`).expect(200);
  return res.body as AuditEntryBody[];
}

/** Counts answers by status code, e.g. `{ 201: 20, 409: 20 }`. */
export function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}

/** A 5xx problem must not leak what broke inside. */
export function expectOpaqueServerError(res: Response): void {
  expect(res.status).toBe(500);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(res.body).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status: 500,
    detail: expect.any(String),
    code: expect.any(String),
    correlationId: res.headers['x-correlation-id'],
  });
  expect(JSON.stringify(res.body)).not.toMatch(/injected crash|stack|\.ts:\d|node_modules|Mongo/);
}
