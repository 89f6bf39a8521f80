import {
  audit,
  expectConsistent,
  expectProblem,
  getBooking,
  getEvent,
  ledger,
  moneyMoved,
  pay,
  payableBooking,
  requestCancel,
  uniqueKey,
  type BookingBody,
  type PayableBooking,
} from './support/fixtures';
import { eventually } from './support/async';
import { useTestApp } from './support/test-app';

const TOTAL_SEATS = 10;
const PRICE = 1001;
const SEATS = 3;
const AMOUNT = PRICE * SEATS; // 3003: odd, so half of it must round down to 1501

describe('Refunds on cancellation (e2e)', () => {
  const t = useTestApp();

  /** A booking of SEATS seats on an event starting `startsInHours` from now, paid in full. */
  async function paidBooking(startsInHours: number): Promise<PayableBooking & { chargeId: string }> {
    const payable = await payableBooking(t, { price: PRICE, seats: SEATS, totalSeats: TOTAL_SEATS, startsInHours });
    const paid = await pay(t, { bookingId: payable.booking.id, amount: AMOUNT, key: uniqueKey('pay') });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED' });
    const { charges } = await moneyMoved(t, payable.booking.id);
    expect(charges).toHaveLength(1);
    expect((await getEvent(t, payable.event.id)).availableSeats).toBe(TOTAL_SEATS - SEATS);
    return { ...payable, chargeId: charges[0].id };
  }

  describe('cancelling a paid booking five times at once', () => {
    it.each([
      ['10 days', 10 * 24, { amount: AMOUNT, policy: 'FULL_REFUND', percent: 100, status: 'REFUNDED' }],
      ['3 days', 3 * 24, { amount: 1501, policy: 'HALF_REFUND', percent: 50, status: 'REFUNDED' }],
      ['2 hours', 2, { amount: 0, policy: 'NO_REFUND', percent: 0, status: 'NONE' }],
    ])(
      'with the event %s away: every answer carries the same refund, and money and seats move once',
      async (_label, hours, refund) => {
        const { event, booking, chargeId } = await paidBooking(hours);

        const responses = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            requestCancel(t, booking.id, { reason: 'Cannot attend', correlationId: `${booking.id}-cancel-${i}` }),
          ),
        );

        for (const res of responses) {
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ id: booking.id, status: 'CANCELLED', amount: AMOUNT, seats: SEATS });
          expect(res.body.refund).toEqual(decided(refund));
        }
        const bodies = responses.map((r) => withoutRefundProgress(r.body as BookingBody));
        for (const body of bodies) expect(body).toEqual(bodies[0]);

        await eventually(async () => {
          const stored = await getBooking(t, booking.id);
          expect(stored.status).toBe('CANCELLED');
          expect(stored.refund).toEqual(refund);
        });

        const { charges, refunds } = await moneyMoved(t, booking.id);
        expect(charges).toHaveLength(1);
        if (refund.amount > 0) {
          expect(refunds).toEqual([
            expect.objectContaining({
              type: 'REFUND',
              status: 'SUCCEEDED',
              bookingId: booking.id,
              amount: refund.amount,
              chargeId,
            }),
          ]);
        } else {
          expect(refunds).toEqual([]);
        }
        expect((await ledger(t, booking.id)).filter((e) => e.type === 'REFUND')).toHaveLength(
          refund.amount > 0 ? 1 : 0,
        );

        expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);

        const cancelled = await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' });
        expect(cancelled).toEqual([expect.objectContaining({ fromState: 'CONFIRMED', toState: 'CANCELLED' })]);
        const issued = await audit(t, { bookingId: booking.id, action: 'REFUND_ISSUED' });
        expect(issued).toHaveLength(refund.amount > 0 ? 1 : 0);
        if (refund.amount > 0)
          expect(issued[0].metadata).toMatchObject({ amount: refund.amount, policy: refund.policy });
        await expectConsistent(t);
      },
    );
  });

  describe('repeating a cancellation later', () => {
    it('answers the same refund again and moves neither money nor seats a second time', async () => {
      const { event, booking } = await paidBooking(10 * 24);
      const first = await requestCancel(t, booking.id, { reason: 'Changed plans' });
      expect(first.status).toBe(200);
      expect(first.body.refund).toEqual({ amount: AMOUNT, policy: 'FULL_REFUND', percent: 100, status: 'PENDING' });

      const again = await requestCancel(t, booking.id, { reason: 'Changed plans' });
      const withoutReason = await requestCancel(t, booking.id);
      for (const res of [again, withoutReason]) {
        expect(res.status).toBe(200);
        expect(withoutRefundProgress(res.body as BookingBody)).toEqual(
          withoutRefundProgress(first.body as BookingBody),
        );
      }

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toHaveLength(1);
      expect(refunds[0].amount).toBe(AMOUNT);
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
      expect(await audit(t, { bookingId: booking.id, action: 'REFUND_ISSUED' })).toHaveLength(1);
      await expectConsistent(t);
    });

    it('replays a keyed cancellation with Idempotent-Replayed and audits the replay as a retry', async () => {
      const { event, booking } = await paidBooking(3 * 24);
      const key = uniqueKey('cancel');
      const firstCorrelation = uniqueKey('cancel-first');
      const secondCorrelation = uniqueKey('cancel-second');

      const first = await requestCancel(t, booking.id, { key, reason: 'Sick', correlationId: firstCorrelation });
      const second = await requestCancel(t, booking.id, { key, reason: 'Sick', correlationId: secondCorrelation });

      expect(first.status).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body.refund).toEqual({ amount: 1501, policy: 'HALF_REFUND', percent: 50, status: 'PENDING' });
      expect(second.status).toBe(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);

      const retries = await audit(t, { bookingId: booking.id, action: 'REQUEST_RETRY' });
      expect(retries).toEqual([
        expect.objectContaining({
          correlationId: secondCorrelation,
          metadata: expect.objectContaining({ isRetry: true, originalCorrelationId: firstCorrelation }),
        }),
      ]);

      const reused = await requestCancel(t, booking.id, { key, reason: 'Something else' });
      expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
      expect(reused.body).not.toHaveProperty('refund');

      const { refunds } = await moneyMoved(t, booking.id);
      expect(refunds).toHaveLength(1);
      expect(refunds[0].amount).toBe(1501);
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      await expectConsistent(t);
    });
  });

  describe('cancelling an unpaid booking', () => {
    it('refunds nothing (UNPAID), moves no money, and returns the seats once', async () => {
      const { event, booking } = await payableBooking(t, {
        price: PRICE,
        seats: SEATS,
        totalSeats: TOTAL_SEATS,
        startsInHours: 240,
      });
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS - SEATS);

      const responses = await Promise.all(Array.from({ length: 5 }, () => requestCancel(t, booking.id)));
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: booking.id, status: 'CANCELLED' });
        expect(res.body.refund).toEqual({ amount: 0, policy: 'UNPAID', percent: 0, status: 'NONE' });
      }

      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toEqual([
        expect.objectContaining({ fromState: 'PENDING_PAYMENT', toState: 'CANCELLED' }),
      ]);
      expect(await audit(t, { bookingId: booking.id, action: 'REFUND_ISSUED' })).toEqual([]);
      await expectConsistent(t);
    });
  });

  describe('a payment racing a cancellation', () => {
    it('never keeps money for a booking that ends CANCELLED, whichever of the two wins', async () => {
      const bookings = await Promise.all(
        Array.from({ length: 4 }, () =>
          payableBooking(t, { price: PRICE, seats: SEATS, totalSeats: TOTAL_SEATS, startsInHours: 240 }),
        ),
      );

      const outcomes = await Promise.all(
        bookings.map(async ({ booking }) => {
          const [payment, cancellation] = await Promise.all([
            pay(t, { bookingId: booking.id, amount: AMOUNT, key: uniqueKey('race-pay') }),
            requestCancel(t, booking.id, { reason: 'race' }),
          ]);
          return { booking, payment, cancellation };
        }),
      );

      for (const { booking, payment, cancellation } of outcomes) {
        expect(cancellation.status).toBe(200);
        expect(cancellation.body.status).toBe('CANCELLED');
        expect([201, 409]).toContain(payment.status);
        const refund = cancellation.body.refund as { amount: number; policy: string };
        // Paid first: the cancellation refunds it in full. Cancelled first: the payment is refused.
        if (payment.status === 201) {
          expect(refund).toMatchObject({ amount: AMOUNT, policy: 'FULL_REFUND' });
        } else {
          expectProblem(payment, 409);
          expect(refund).toMatchObject({ amount: 0, policy: 'UNPAID' });
        }
        const { charges, refunds } = await moneyMoved(t, booking.id);
        const kept = charges.reduce((sum, e) => sum + e.amount, 0) - refunds.reduce((sum, e) => sum + e.amount, 0);
        expect(kept).toBe(0);
        expect(charges.length).toBeLessThanOrEqual(1);
        expect((await getBooking(t, booking.id)).status).toBe('CANCELLED');
      }
      for (const { event } of bookings) expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      await expectConsistent(t);
    });
  });

  describe('paying a cancelled booking', () => {
    it('refuses a payment with a new key after a paid booking was cancelled: 409 and no charge', async () => {
      const { booking } = await paidBooking(10 * 24);
      expect((await requestCancel(t, booking.id)).status).toBe(200);
      const before = await ledger(t, booking.id);

      const res = await pay(t, { bookingId: booking.id, amount: AMOUNT, key: uniqueKey('late') });
      expectProblem(res, 409);
      expect(res.body).not.toHaveProperty('attemptId');

      expect(await ledger(t, booking.id)).toEqual(before);
      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toHaveLength(1);
      expect((await getBooking(t, booking.id)).status).toBe('CANCELLED');
      await expectConsistent(t);
    });

    it('refuses a payment after an unpaid booking was cancelled: 409, no charge, booking stays CANCELLED', async () => {
      const { event, booking } = await payableBooking(t, {
        price: PRICE,
        seats: SEATS,
        totalSeats: TOTAL_SEATS,
        startsInHours: 240,
      });
      expect((await requestCancel(t, booking.id)).status).toBe(200);

      for (const force of ['success', 'timeout_after_charge'] as const) {
        const res = await pay(t, { bookingId: booking.id, amount: AMOUNT, force, key: uniqueKey('late') });
        expectProblem(res, 409);
      }

      expect(await ledger(t, booking.id)).toEqual([]);
      const stored = await getBooking(t, booking.id);
      expect(stored.status).toBe('CANCELLED');
      expect(stored.refund).toEqual({ amount: 0, policy: 'UNPAID', percent: 0, status: 'NONE' });
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toEqual([]);
      await expectConsistent(t);
    });

    it('gives back money whose answer was lost before the booking was cancelled, when the key is retried', async () => {
      const { event, booking } = await payableBooking(t, {
        price: PRICE,
        seats: SEATS,
        totalSeats: TOTAL_SEATS,
        startsInHours: 240,
      });
      const key = uniqueKey('lost');
      const payload = { bookingId: booking.id, amount: AMOUNT, force: 'timeout_after_charge' as const, key };
      expectProblem(await pay(t, payload), 504, 'PAYMENT.PROVIDER_TIMEOUT');

      const cancelled = await requestCancel(t, booking.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('CANCELLED');

      const retry = await pay(t, payload);
      expectProblem(retry, 409);
      expect(retry.body).not.toHaveProperty('attemptId');

      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({ amount: AMOUNT, chargeId: charges[0].id });
      const again = await pay(t, payload);
      expectProblem(again, 409);
      expect((await moneyMoved(t, booking.id)).refunds).toHaveLength(1);

      expect((await getBooking(t, booking.id)).status).toBe('CANCELLED');
      expect((await getEvent(t, event.id)).availableSeats).toBe(TOTAL_SEATS);
      await expectConsistent(t);
    });
  });
});

/**
 * The answer to a cancellation carries the refund decided then; the money moves right after the answer,
 * so the refund it shows is PENDING, or REFUNDED once a later request sees the refund done.
 */
function decided(refund: { amount: number; status: string }): unknown {
  return refund.amount > 0 ? { ...refund, status: expect.stringMatching(/^(PENDING|REFUNDED)$/) } : refund;
}

function withoutRefundProgress(body: BookingBody): unknown {
  return body.refund ? { ...body, refund: { ...body.refund, status: undefined } } : body;
}
