import type { Response } from 'supertest';
import {
  confirmLock,
  createEvent,
  expectProblem,
  openLock,
  pay,
  payableBooking,
  requestBooking,
  requestCancel,
  requestLock,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

const PROBLEM_FIELDS = ['code', 'correlationId', 'detail', 'status', 'title', 'type'];

/**
 * A 422 for a reused key must be a bare problem: a caller who guesses or steals someone's key learns
 * nothing of the request it belongs to — no id, no amount, no seats, no user.
 */
function expectNothingRevealed(res: Response, original: Response): void {
  expectProblem(res, 422, 'IDEMPOTENCY.KEY_REUSED');
  expect(res.headers['idempotent-replayed']).toBeUndefined();
  expect(Object.keys(res.body as object).sort()).toEqual(PROBLEM_FIELDS);
  const text = JSON.stringify(res.body);
  const stored = original.body as Record<string, unknown>;
  for (const field of ['id', 'attemptId', 'seatLockId', 'userId', 'eventId', 'bookingId'] as const) {
    if (typeof stored[field] === 'string') expect(text).not.toContain(stored[field]);
  }
  expect(res.headers['x-correlation-id']).not.toBe(original.headers['x-correlation-id']);
}

describe('A key reused with another payload (e2e)', () => {
  const t = useTestApp();

  it('on /api/locks reveals nothing of the stored lock', async () => {
    const event = await createEvent(t, { totalSeats: 10, price: 100 });
    const key = uniqueKey('lock');
    const original = await requestLock(t, { eventId: event.id, seats: 2, userId: 'alice', key });
    expect(original.status).toBe(201);

    expectNothingRevealed(await requestLock(t, { eventId: event.id, seats: 3, userId: 'mallory', key }), original);
  });

  it('on /api/bookings reveals nothing of the stored booking', async () => {
    const event = await createEvent(t, { totalSeats: 10, price: 100 });
    const first = await openLock(t, { eventId: event.id, userId: 'alice' });
    const second = await openLock(t, { eventId: event.id, userId: 'mallory' });
    const key = uniqueKey('book');
    const original = await requestBooking(t, first.id, key);
    expect(original.status).toBe(201);

    expectNothingRevealed(await requestBooking(t, second.id, key), original);
  });

  it('on /api/bookings/:id/cancel reveals nothing of the stored cancellation', async () => {
    const event = await createEvent(t, { totalSeats: 10, price: 100 });
    const booking = await confirmLock(t, (await openLock(t, { eventId: event.id })).id);
    const key = uniqueKey('cancel');
    const original = await requestCancel(t, booking.id, { key, reason: 'moved abroad' });
    expect(original.status).toBe(200);

    const reused = await requestCancel(t, booking.id, { key, reason: 'something else' });
    expectNothingRevealed(reused, original);
    expect(JSON.stringify(reused.body)).not.toContain('moved abroad');
  });

  it('on /api/payments/intent reveals nothing of the stored payment', async () => {
    const { booking } = await payableBooking(t, { price: 700, seats: 1 });
    const key = uniqueKey('pay');
    const original = await pay(t, { bookingId: booking.id, amount: 700, key });
    expect(original.status).toBe(201);

    const reused = await pay(t, { bookingId: booking.id, amount: 700, force: 'failure', key });
    expectNothingRevealed(reused, original);
    expect(JSON.stringify(reused.body)).not.toMatch(/SUCCEEDED|charge:/);
  });
});
