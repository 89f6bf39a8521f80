import { AuditRepository } from '../src/audit/audit.repository';
import { BookingsRepository } from '../src/bookings/bookings.repository';
import { advanceClock } from './support/clock';
import {
  audit,
  consistencyReport,
  expectConsistent,
  moneyMoved,
  pay,
  payableBooking,
  requestCancel,
  runJob,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

const RECONCILE_AFTER_SECONDS = 60;

/**
 * The REFUND_ISSUED entry is owed by the booking (it stays `settled: false` until the entry is written),
 * so a crash right after the refund was recorded, or an audit batch that fails, delays it but cannot lose it.
 */
describe('The refund audit entry cannot be lost (e2e)', () => {
  const t = useTestApp({ RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS) });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function cancelledWithRefund(crash: () => void) {
    const { booking } = await payableBooking(t, { price: 1_000, seats: 2, startsInHours: 24 * 30 });
    expect((await pay(t, { bookingId: booking.id, amount: 2_000, key: uniqueKey('pay') })).status).toBe(201);
    crash();
    const cancelled = await requestCancel(t, booking.id, { key: uniqueKey('cancel') }).expect(200);
    expect(cancelled.body.refund).toMatchObject({ amount: 2_000, policy: 'FULL_REFUND' });
    // Reading the ledger waits for this instance's follow-ups (the refund included) to be handled.
    expect((await moneyMoved(t, booking.id)).refunds).toEqual([expect.objectContaining({ amount: 2_000 })]);
    return booking;
  }

  it.each<[string, () => void]>([
    [
      'the process dies right after the refund was recorded on the booking',
      () => {
        const bookings = t.app.get(BookingsRepository);
        const real = bookings.markRefunded.bind(bookings);
        jest.spyOn(bookings, 'markRefunded').mockImplementationOnce(async (...args) => {
          await real(...args);
          throw new Error('injected crash');
        });
      },
    ],
    [
      'the audit batch holding the entry fails',
      () => {
        const entries = t.app.get(AuditRepository);
        const real = entries.appendMany.bind(entries);
        let failed = false;
        jest.spyOn(entries, 'appendMany').mockImplementation(async (batch) => {
          if (failed || !batch.some((entry) => entry.action === 'REFUND_ISSUED')) return real(batch);
          failed = true;
          throw new Error('injected outage');
        });
      },
    ],
  ])('%s: the booking owes REFUND_ISSUED, and the reconcile pass writes it once', async (_label, crash) => {
    const booking = await cancelledWithRefund(crash);
    jest.restoreAllMocks();

    expect(await audit(t, { bookingId: booking.id, action: 'REFUND_ISSUED' })).toEqual([]);
    const owing = await consistencyReport(t);
    expect([...owing.violations, ...(owing.owed ?? [])].map((v) => [v.kind, v.entityId])).toContainEqual([
      'UNSETTLED',
      booking.id,
    ]);

    advanceClock(t, (RECONCILE_AFTER_SECONDS + 5) * 1000);
    await runJob(t, 'expire-bookings').expect(200);

    const issued = await audit(t, { bookingId: booking.id, action: 'REFUND_ISSUED' });
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      fromState: 'PENDING',
      toState: 'REFUNDED',
      metadata: { amount: 2_000, policy: 'FULL_REFUND', refundId: expect.any(String) },
    });
    expect(await audit(t, { bookingId: booking.id, action: 'BOOKING_CANCELLED' })).toHaveLength(1);
    expect((await moneyMoved(t, booking.id)).refunds).toHaveLength(1);
    await expectConsistent(t);
  });
});
