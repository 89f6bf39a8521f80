import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/**
 * Helpers for the payment, idempotency and refund specs. They speak HTTP only, as a client would;
 * the one exception (seeding an idempotency record) lives in the spec that needs it.
 */

export const PROBLEM_JSON = /^application\/problem\+json/;
export const OBJECT_ID = /^[0-9a-f]{24}$/;
export const HOUR_MS = 3_600_000;

let counter = 0;
/** A key or correlation id unique within the run and readable in failure output (a sane token). */
export const uniqueId = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export type Force = 'success' | 'failure' | 'provider_error' | 'timeout_after_charge';

export interface EventBody {
  id: string;
  name: string;
  totalSeats: number;
  availableSeats: number;
  price: number;
  startsAt: string;
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

export interface PayableBooking {
  event: EventBody;
  booking: BookingBody;
}

export async function createEvent(
  t: TestApp,
  input: { totalSeats?: number; price?: number; startsInHours?: number; name?: string } = {},
): Promise<EventBody> {
  const startsAt = new Date(Date.now() + (input.startsInHours ?? 30 * 24) * HOUR_MS).toISOString();
  const res = await t
    .http()
    .post('/api/events')
    .send({ name: input.name ?? 'Payments show', totalSeats: input.totalSeats ?? 10, price: input.price ?? 2500, startsAt });
  expect(res.status).toBe(201);
  return res.body as EventBody;
}

/** POST /api/locks; answers the raw response. */
export function requestLock(
  t: TestApp,
  input: { eventId: string; seats?: number; userId?: string; key: string; correlationId?: string },
): Promise<Response> {
  const req = t.http().post('/api/locks');
  if (input.correlationId) req.set('X-Correlation-Id', input.correlationId);
  return req.send({ eventId: input.eventId, userId: input.userId ?? 'payer-1', seats: input.seats ?? 1, idempotencyKey: input.key });
}

/** Event → lock → booking: a booking in PENDING_PAYMENT, ready to be paid. */
export async function payableBooking(
  t: TestApp,
  input: { price?: number; seats?: number; totalSeats?: number; startsInHours?: number } = {},
): Promise<PayableBooking> {
  const event = await createEvent(t, { price: input.price, totalSeats: input.totalSeats, startsInHours: input.startsInHours });
  const lock = await requestLock(t, { eventId: event.id, seats: input.seats ?? 2, key: uniqueId('lock') });
  expect(lock.status).toBe(201);
  const created = await t.http().post('/api/bookings').send({ seatLockId: lock.body.id });
  expect(created.status).toBe(201);
  const booking = created.body as BookingBody;
  expect(booking.status).toBe('PENDING_PAYMENT');
  expect(booking.amount).toBe(event.price * (input.seats ?? 2));
  return { event, booking };
}

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
export function pay(t: TestApp, input: PayRequest): Promise<Response> {
  const req = t.http().post('/api/payments/intent');
  if (input.correlationId) req.set('X-Correlation-Id', input.correlationId);
  if (input.headerKey !== undefined) req.set('Idempotency-Key', input.headerKey);
  const body: Record<string, unknown> = { bookingId: input.bookingId, amount: input.amount, force: input.force ?? 'success' };
  if (input.key !== undefined) body.idempotencyKey = input.key;
  return req.send(body);
}

export async function ledger(t: TestApp, bookingId: string): Promise<LedgerEntryBody[]> {
  const res = await t.http().get(`/api/payments/charges?bookingId=${bookingId}`).expect(200);
  return res.body as LedgerEntryBody[];
}

/** Ledger entries that actually moved money, by type. */
export async function moneyMoved(t: TestApp, bookingId: string): Promise<{ charges: LedgerEntryBody[]; refunds: LedgerEntryBody[] }> {
  const entries = await ledger(t, bookingId);
  const moved = entries.filter((e) => e.status === 'SUCCEEDED');
  return { charges: moved.filter((e) => e.type === 'CHARGE'), refunds: moved.filter((e) => e.type === 'REFUND') };
}

export async function getBooking(t: TestApp, bookingId: string): Promise<BookingBody> {
  const res = await t.http().get(`/api/bookings/${bookingId}`).expect(200);
  return res.body as BookingBody;
}

export async function getEvent(t: TestApp, eventId: string): Promise<EventBody> {
  const res = await t.http().get(`/api/events/${eventId}`).expect(200);
  return res.body as EventBody;
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

export const actionsOf = (entries: AuditEntryBody[]): string[] => entries.map((e) => e.action);

/** Every scenario ends with an empty consistency report. */
export async function expectConsistent(t: TestApp): Promise<void> {
  const res = await t.http().get('/api/admin/consistency').expect(200);
  expect(res.body.violations).toEqual([]);
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

export function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}

/** POST /api/bookings/:id/cancel; `key` undefined sends no idempotency key. */
export function cancel(
  t: TestApp,
  bookingId: string,
  options: { key?: string; reason?: string; correlationId?: string } = {},
): Promise<Response> {
  const req = t.http().post(`/api/bookings/${bookingId}/cancel`);
  if (options.correlationId) req.set('X-Correlation-Id', options.correlationId);
  const body: Record<string, string> = {};
  if (options.reason !== undefined) body.reason = options.reason;
  if (options.key !== undefined) body.idempotencyKey = options.key;
  return req.send(body);
}
