import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import { getConnectionToken } from '@nestjs/mongoose';
import { BookingsService } from '../src/bookings/bookings.service';
import { PaymentProvider } from '../src/payments/provider/payment-provider';
import { waitUntilPast } from './support/async';
import {
  audit,
  consistency,
  expectProblem,
  getBooking,
  ledger,
  moneyMoved,
  pay,
  payableBooking,
  requestCancel,
  runJob,
  uniqueKey,
} from './support/fixtures';
import { startTestApp, useTestApp, type TestApp } from './support/test-app';

async function runJobs(t: TestApp): Promise<void> {
  for (const path of ['expire-locks', 'expire-bookings'] as const) await runJob(t, path).expect(200);
}

const moneyViolations = async (t: TestApp) => (await consistency(t)).filter((v) => v.kind === 'MONEY_MISMATCH');

/**
 * Money that always adds up (issue 9): every charge ends applied to its booking or refunded, whatever
 * happened to the booking meanwhile, and the consistency check holds every booking to its books.
 */
describe('Money (e2e)', () => {
  describe('with the reconcile pass looking at once', () => {
    const t = useTestApp({ RECONCILE_AFTER_SECONDS: '0' });

    it('a charge whose answer was lost, then a cancel: the sweep refunds it, once', async () => {
      const { booking } = await payableBooking(t, { price: 1200, seats: 1 });
      const lost = await pay(t, {
        bookingId: booking.id,
        amount: 1200,
        force: 'timeout_after_charge',
        key: uniqueKey('lost'),
      });
      expectProblem(lost, 504, 'PAYMENT.PROVIDER_TIMEOUT');
      const cancelled = await requestCancel(t, booking.id).expect(200);
      expect(cancelled.body.refund).toMatchObject({ amount: 0, policy: 'UNPAID' });

      await runJobs(t);
      await runJobs(t);
      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([expect.objectContaining({ amount: 1200, chargeId: charges[0].id })]);
      expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_REFUNDED' })).toHaveLength(1);
      expect(await moneyViolations(t)).toEqual([]);
    });

    it('a crash between a charge its booking could no longer take and its refund: the sweep refunds it', async () => {
      const { booking } = await payableBooking(t, { price: 900, seats: 1 });
      const bookings = t.app.get(BookingsService);
      const unpaid = await bookings.get(booking.id);
      await requestCancel(t, booking.id).expect(200);

      // A payment raced the cancel: it read the booking still unpaid, so the provider takes its money; the
      // booking cannot take it, and the process dies before giving it back. (Another key racing a payment
      // never gets this far: one payment at a time per booking.)
      const stale = jest.spyOn(bookings, 'get').mockResolvedValueOnce(unpaid);
      const refund = jest
        .spyOn(t.app.get(PaymentProvider), 'refund')
        .mockRejectedValueOnce(new Error('injected crash'));
      try {
        expect((await pay(t, { bookingId: booking.id, amount: 900, key: uniqueKey('late') })).status).toBe(500);
      } finally {
        stale.mockRestore();
        refund.mockRestore();
      }
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(1);
      expect(await moneyViolations(t)).toHaveLength(1);

      await runJobs(t);
      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([expect.objectContaining({ amount: 900 })]);
      expect((await getBooking(t, booking.id)).status).toBe('CANCELLED');
      expect(await moneyViolations(t)).toEqual([]);
    });

    it('a provider key can never cross bookings: the same client key a day later charges the new booking', async () => {
      const first = await payableBooking(t, { price: 500, seats: 1 });
      const second = await payableBooking(t, { price: 500, seats: 1 });
      await pay(t, { bookingId: first.booking.id, amount: 500, key: 'pay-1' }).expect(201);
      await forgetPaymentKey(t, 'pay-1');

      await withFreshInstance(t, async (later) => {
        const paid = await pay(later, { bookingId: second.booking.id, amount: 500, key: 'pay-1' }).expect(201);
        expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED', isRetry: false });
      });
      expect((await moneyMoved(t, second.booking.id)).charges).toEqual([expect.objectContaining({ amount: 500 })]);
      await requestCancel(t, second.booking.id).expect(200);
      expect((await moneyMoved(t, second.booking.id)).refunds).toHaveLength(1);
      expect(await moneyViolations(t)).toEqual([]);
    });

    it('a retry of a paid booking after its records expired is refused before the provider: one charge, no refund', async () => {
      const { booking } = await payableBooking(t, { price: 300, seats: 1 });
      await pay(t, { bookingId: booking.id, amount: 300, key: 'pay-again' }).expect(201);
      await forgetPaymentKey(t, 'pay-again');
      await withFreshInstance(t, async (later) => {
        expectProblem(
          await pay(later, { bookingId: booking.id, amount: 300, key: 'pay-again' }),
          409,
          'BOOKING.ALREADY_PAID',
        );
      });
      const { charges, refunds } = await moneyMoved(t, booking.id);
      expect(charges).toHaveLength(1);
      expect(refunds).toEqual([]);
      expect(await moneyViolations(t)).toEqual([]);
    });

    it('ids have one spelling: an upper-case id is refused with 400 and writes nothing', async () => {
      const { booking } = await payableBooking(t, { price: 400, seats: 1 });
      const upper = booking.id.toUpperCase();
      expectProblem(await pay(t, { bookingId: upper, amount: 400, key: uniqueKey('upper') }), 400);
      expectProblem(await t.http().get(`/api/bookings/${upper}`), 400);
      expectProblem(await t.http().get(`/api/payments/charges?bookingId=${upper}`), 400);
      expect(await ledger(t, booking.id)).toEqual([]);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
    });

    it('the books in the consistency check catch a broken guard: a provider that forgets its keys charges twice', async () => {
      const { booking } = await payableBooking(t, { price: 650, seats: 1 });
      const provider = t.app.get(PaymentProvider);
      const real = provider.charge.bind(provider);
      // The guard broken on purpose: the provider forgets its keys, so the retry after a lost answer charges again.
      let calls = 0;
      const broken = jest.spyOn(provider, 'charge').mockImplementation((request) =>
        real({
          ...request,
          key: `${request.key}:${new Types.ObjectId().toHexString()}`,
          outcome: calls++ === 0 ? request.outcome : 'success',
        }),
      );
      try {
        const key = uniqueKey('broken');
        expectProblem(await pay(t, { bookingId: booking.id, amount: 650, force: 'timeout_after_charge', key }), 504);
        await pay(t, { bookingId: booking.id, amount: 650, force: 'timeout_after_charge', key }).expect(201);
      } finally {
        broken.mockRestore();
      }
      expect((await moneyMoved(t, booking.id)).charges).toHaveLength(2);
      expect(await moneyViolations(t)).toEqual([
        expect.objectContaining({ entityId: booking.id, detail: expect.stringContaining('holds 1300') }),
      ]);
      expect((await moneyViolations(t))[0].detail).toContain('keeps 650');
      // Put the books right again, so later checks in this file start clean.
      await t.app
        .get<Connection>(getConnectionToken())
        .collection('provider_ledger')
        .deleteMany({ bookingId: booking.id, _id: { $regex: ':[0-9a-f]{24}$' } } as never);
    });
  });

  describe('with a short payment window', () => {
    const t = useTestApp({ RECONCILE_AFTER_SECONDS: '0', BOOKING_TTL_SECONDS: '2' });

    it('a charge whose answer was lost inside the window confirms the booking when the window passes', () =>
      expectLostChargeConfirmedAfterTheWindow(t));

    it('an attempt that never reached the provider is voided when its booking expires: no late charge can land', async () => {
      const { booking } = await payableBooking(t, { price: 700, seats: 1 });
      const key = uniqueKey('down');
      expectProblem(await pay(t, { bookingId: booking.id, amount: 700, force: 'provider_error', key }), 502);
      await waitUntilPast([booking.expiresAt]);
      await runJobs(t);
      expect((await getBooking(t, booking.id)).status).toBe('EXPIRED');
      // The same key comes back once the booking has expired: the attempt is over, and nothing is charged.
      const late = await pay(t, { bookingId: booking.id, amount: 700, force: 'provider_error', key }).expect(201);
      expect(late.body).toMatchObject({ status: 'FAILED', bookingStatus: 'EXPIRED' });
      const entries = await ledger(t, booking.id);
      expect(entries).toEqual([expect.objectContaining({ type: 'CHARGE', status: 'VOIDED' })]);
      expect(await moneyViolations(t)).toEqual([]);
    });
  });
  describe('with a short payment window and a reconcile delay longer than the test', () => {
    const t = useTestApp({ RECONCILE_AFTER_SECONDS: '3600', BOOKING_TTL_SECONDS: '2' });

    it('a charge lost moments before the window closed confirms the booking: the job finishes it before expiring anything', () =>
      expectLostChargeConfirmedAfterTheWindow(t));

    it('a payment still inside its window is left to the request running it', async () => {
      const { booking } = await payableBooking(t, { price: 600, seats: 1 });
      expectProblem(
        await pay(t, { bookingId: booking.id, amount: 600, force: 'timeout_after_charge', key: uniqueKey('live') }),
        504,
      );
      await runJobs(t);
      const attempts = await t.app
        .get<Connection>(getConnectionToken())
        .collection('payment_attempts')
        .find({ bookingId: booking.id })
        .toArray();
      expect(attempts.map((a) => a.status)).toEqual(['PROCESSING']);
      expect((await getBooking(t, booking.id)).status).toBe('PENDING_PAYMENT');
    });
  });
});

/**
 * A charge whose answer is lost (504 after the provider charged) inside the payment window: once the window
 * has passed, the booking can no longer be cancelled, and the jobs apply the charge instead of expiring it.
 */
async function expectLostChargeConfirmedAfterTheWindow(t: TestApp): Promise<void> {
  const { booking } = await payableBooking(t, { price: 800, seats: 1 });
  expectProblem(
    await pay(t, { bookingId: booking.id, amount: 800, force: 'timeout_after_charge', key: uniqueKey('late') }),
    504,
  );
  await waitUntilPast([booking.expiresAt]);
  expectProblem(await requestCancel(t, booking.id), 409, 'BOOKING.NOT_CANCELLABLE');
  await runJobs(t);
  expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
  const { charges, refunds } = await moneyMoved(t, booking.id);
  expect(charges).toHaveLength(1);
  expect(refunds).toEqual([]);
  expect(await moneyViolations(t)).toEqual([]);
}

/** What the retention purge leaves of a payment key a day later: neither its idempotency record nor its attempt. */
async function forgetPaymentKey(t: TestApp, key: string): Promise<void> {
  const db = t.app.get<Connection>(getConnectionToken());
  await db.collection('idempotency_records').deleteMany({ key });
  await db.collection('payment_attempts').deleteMany({ idempotencyKey: key });
}

/** Another instance on the same database: it has not seen the key, as a restarted or scaled-out service would not. */
async function withFreshInstance(t: TestApp, work: (other: TestApp) => Promise<void>): Promise<void> {
  const other = await startTestApp({ MONGODB_URI: t.engine!.uri('booking') });
  try {
    await work(other);
  } finally {
    await other.close();
  }
}
