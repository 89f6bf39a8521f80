import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Response, Test } from 'supertest';
import { fingerprint } from '../../src/idempotency/fingerprint';
import type { TestApp } from './test-app';

/**
 * Helpers shared by the e2e specs. They speak HTTP only, exactly as a client would; the few that must
 * reach the database (seeding or inspecting what HTTP cannot) live in the spec that needs them.
 */

export const PROBLEM_JSON = /^application\/problem\+json/;
export const OBJECT_ID = /^[0-9a-f]{24}$/;
export const HOUR_MS = 3_600_000;

/** An ISO instant `days` from now. */
export const future = (days: number): string => new Date(Date.now() + days * 24 * HOUR_MS).toISOString();

let counter = 0;
/** A key (or correlation id, or run id) unique within the run and readable in failure output (a sane token). */
export const uniqueKey = (prefix = 'key'): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

// ---- response bodies ----

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
  refund?: { amount: number; policy: string; percent: number; status: string };
  [extra: string]: unknown;
}

export type Force = 'success' | 'failure' | 'provider_error' | 'timeout_after_charge';

export interface PaymentBody {
  attemptId: string;
  bookingId: string;
  amount: number;
  status: 'SUCCEEDED' | 'FAILED';
  bookingStatus: string;
  isRetry: boolean;
}

export interface LedgerEntryBody {
  id: string;
  type: 'CHARGE' | 'REFUND';
  status: 'SUCCEEDED' | 'DECLINED';
  bookingId: string;
  amount: number;
  chargeId?: string;
  createdAt: string;
}

export interface AuditEntryBody {
  id: string;
  bookingId?: string;
  lockId?: string;
  attemptId?: string;
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

/** Work a stored document owes and a named pass finishes: not a violation until it is overdue. */
export interface OwedWork extends Violation {
  ageSeconds: number;
  finishedBy: string;
}

export interface ConsistencyReport {
  checkedAt: string;
  events: number;
  locks: number;
  bookings: number;
  violations: Violation[];
  owed: OwedWork[];
  owedOverdueAfterSeconds: number;
}

export type JobPath = 'expire-locks' | 'expire-bookings';
export type JobTypeName = 'EXPIRE_LOCKS' | 'EXPIRE_BOOKINGS';

export interface ExecutionBody {
  id: string;
  jobType: JobTypeName;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  trigger: 'manual' | 'cron';
  owner: string;
  fencingToken: number;
  startedAt: string;
  completedAt?: string;
  results: { processed: number; errors: number; details: string[] };
  failureReason?: string;
}

// ---- events ----

export async function createEvent(
  t: TestApp,
  input: { totalSeats: number; price?: number; startsInHours?: number; name?: string },
): Promise<EventBody> {
  const startsAt = new Date(Date.now() + (input.startsInHours ?? 30 * 24) * HOUR_MS).toISOString();
  const res = await t
    .http()
    .post('/api/events')
    .send({ name: input.name ?? 'Show', totalSeats: input.totalSeats, price: input.price ?? 1000, startsAt })
    .expect(201);
  return res.body as EventBody;
}

export async function getEvent(t: TestApp, eventId: string): Promise<EventBody> {
  const res = await t.http().get(`/api/events/${eventId}`).expect(200);
  return res.body as EventBody;
}

export async function availableSeats(t: TestApp, eventId: string): Promise<number> {
  return (await getEvent(t, eventId)).availableSeats;
}

// ---- seat locks ----

export interface LockRequest {
  eventId: string;
  userId?: string;
  seats?: number;
  key?: string;
  correlationId?: string;
}

/** POST /api/locks with the key in the body (a fresh one unless given); answers the raw response, whatever its status. */
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

export async function getLock(t: TestApp, lockId: string): Promise<LockBody> {
  const res = await t.http().get(`/api/locks/${lockId}`).expect(200);
  return res.body as LockBody;
}

export function releaseLock(t: TestApp, lockId: string, correlationId?: string): Test {
  const req = t.http().delete(`/api/locks/${lockId}`);
  if (correlationId) req.set('X-Correlation-Id', correlationId);
  return req.send();
}

// ---- bookings ----

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

export async function getBooking(t: TestApp, bookingId: string): Promise<BookingBody> {
  const res = await t.http().get(`/api/bookings/${bookingId}`).expect(200);
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

export interface PayableBooking {
  event: EventBody;
  booking: BookingBody;
}

/** Event → lock → booking: a booking in PENDING_PAYMENT, ready to be paid. */
export async function payableBooking(
  t: TestApp,
  input: { price?: number; seats?: number; totalSeats?: number; startsInHours?: number } = {},
): Promise<PayableBooking> {
  const seats = input.seats ?? 2;
  const event = await createEvent(t, {
    totalSeats: input.totalSeats ?? 10,
    price: input.price,
    startsInHours: input.startsInHours,
  });
  const lock = await openLock(t, { eventId: event.id, seats });
  const booking = await confirmLock(t, lock.id);
  expect(booking.status).toBe('PENDING_PAYMENT');
  expect(booking.amount).toBe(event.price * seats);
  return { event, booking };
}

// ---- payments ----

export interface PayRequest {
  bookingId: string;
  amount: number;
  force?: Force;
  /** Sent as the body field `idempotencyKey` (omitted when undefined). */
  key?: string;
  /** Sent as the `Idempotency-Key` header (omitted when undefined). */
  headerKey?: string;
  correlationId?: string;
}

/** POST /api/payments/intent; answers the raw response, whatever its status. */
export function pay(t: TestApp, input: PayRequest): Test {
  const req = t.http().post('/api/payments/intent');
  if (input.correlationId) req.set('X-Correlation-Id', input.correlationId);
  if (input.headerKey !== undefined) req.set('Idempotency-Key', input.headerKey);
  const body: Record<string, unknown> = {
    bookingId: input.bookingId,
    amount: input.amount,
    force: input.force ?? 'success',
  };
  if (input.key !== undefined) body.idempotencyKey = input.key;
  return req.send(body);
}

export async function ledger(t: TestApp, bookingId: string): Promise<LedgerEntryBody[]> {
  const res = await t.http().get(`/api/payments/charges?bookingId=${bookingId}`).expect(200);
  return res.body as LedgerEntryBody[];
}

/** Ledger entries that actually moved money, by type. */
export async function moneyMoved(
  t: TestApp,
  bookingId: string,
): Promise<{ charges: LedgerEntryBody[]; refunds: LedgerEntryBody[] }> {
  const entries = await ledger(t, bookingId);
  const moved = entries.filter((e) => e.status === 'SUCCEEDED');
  return { charges: moved.filter((e) => e.type === 'CHARGE'), refunds: moved.filter((e) => e.type === 'REFUND') };
}

// ---- expiry jobs ----

export const ALREADY_RUNNING = 'Another instance is already running';

/** POST /api/jobs/:path; answers the raw response, whatever its status. */
export function runJob(t: TestApp, path: JobPath): Test {
  return t.http().post(`/api/jobs/${path}`).send({});
}

// ---- audit trail and consistency ----

/** Every matching entry, oldest first as the specs read a history (the API pages newest first). */
export async function audit(
  t: TestApp,
  query: { bookingId?: string; lockId?: string; action?: string; isRetry?: boolean },
): Promise<AuditEntryBody[]> {
  const entries: AuditEntryBody[] = [];
  for (let cursor: string | undefined, page = 0; page === 0 || cursor; page++) {
    const params = new URLSearchParams({ limit: '500', ...(cursor && { cursor }) });
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const res = await t.http().get(`/api/audit?${params.toString()}`).expect(200);
    entries.push(...(res.body as AuditEntryBody[]));
    cursor = res.headers['x-next-cursor'];
  }
  return entries.reverse();
}

export const actionsOf = (entries: AuditEntryBody[]): string[] => entries.map((e) => e.action);

export async function consistencyReport(t: TestApp): Promise<ConsistencyReport> {
  const res = await t.http().get('/api/admin/consistency').expect(200);
  return res.body as ConsistencyReport;
}

/** The consistency check's violations; every scenario expects `[]`. */
export async function consistency(t: TestApp): Promise<Violation[]> {
  return (await consistencyReport(t)).violations;
}

/** Every scenario ends with an empty consistency report. */
export async function expectConsistent(t: TestApp): Promise<void> {
  expect(await consistency(t)).toEqual([]);
}

// ---- answers ----

/** Counts answers by status code, e.g. `{ 201: 20, 409: 20 }`. */
export function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}

/** A problem+json error with the given status and code, carrying the response's correlation id. */
export function expectProblem(res: Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(res.body).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code: code ?? expect.any(String),
    correlationId: res.headers['x-correlation-id'],
  });
}

/** A 5xx problem must not leak what broke inside. */
export function expectOpaqueServerError(res: Response): void {
  expectProblem(res, 500);
  expect(JSON.stringify(res.body)).not.toMatch(/injected crash|stack|\.ts:\d|node_modules|Mongo/);
}

/** The raw idempotency records, for tests that stage or inspect what a request left behind. */
export function idempotencyRecords(t: TestApp) {
  return t.app.get<Connection>(getConnectionToken()).collection<Record<string, unknown>>('idempotency_records');
}

/**
 * Stores the claim a payment request leaves behind while it runs (or after its process died): the key is
 * IN_PROGRESS under a lease until `leaseUntil`, held by nobody this test controls.
 */
export async function seedPaymentClaim(
  t: TestApp,
  key: string,
  body: Record<string, unknown>,
  leaseUntil: Date,
): Promise<void> {
  await idempotencyRecords(t).insertOne({
    _id: `payments.intent ${key}` as unknown as never,
    scope: 'payments.intent',
    key,
    fingerprint: fingerprint({ params: {}, body }),
    state: 'IN_PROGRESS',
    leaseToken: 'dead',
    leaseUntil,
    correlationId: 'dead-request',
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
}
