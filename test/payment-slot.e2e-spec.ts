import { PaymentProvider } from '../src/payments/provider/payment-provider';
import { advanceClock } from './support/clock';
import {
  audit,
  expectConsistent,
  expectOpaqueServerError,
  expectProblem,
  getBooking,
  ledger,
  moneyMoved,
  pay,
  payableBooking,
  runJob,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

const RECONCILE_AFTER_SECONDS = 60;

/**
 * One payment at a time per booking: while one key's attempt is paying, another key answers 409
 * PAYMENT.IN_PROGRESS with Retry-After before any money moves — never a charge and then a refund — and
 * an attempt whose request died blocks the booking only until the sweep finishes it.
 */
describe('One payment at a time per booking (e2e)', () => {
  const t = useTestApp({ RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS) });
  let provider: PaymentProvider;

  beforeAll(() => {
    provider = t.app.get(PaymentProvider);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('a second key while the first is charging answers 409 PAYMENT.IN_PROGRESS with Retry-After and charges nothing', async () => {
    const { booking } = await payableBooking(t, { price: 600, seats: 2 });
    const real = provider.charge.bind(provider);
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let charging!: () => void;
    const atProvider = new Promise<void>((resolve) => (charging = resolve));
    const charge = jest.spyOn(provider, 'charge').mockImplementationOnce(async (request) => {
      charging();
      await resumed;
      return real(request);
    });

    const first = pay(t, { bookingId: booking.id, amount: 1200, key: uniqueKey('first') }).then((res) => res);
    await atProvider;
    const secondKey = uniqueKey('second');
    const second = await pay(t, { bookingId: booking.id, amount: 1200, key: secondKey });

    expectProblem(second, 409, 'PAYMENT.IN_PROGRESS');
    expect(second.headers['retry-after']).toBe('1');
    expect(charge).toHaveBeenCalledTimes(1);
    expect(await ledger(t, booking.id)).toEqual([]);

    resume();
    const paid = await first;
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED' });

    // After success the other key answers as before: already paid, and still nothing charged for it.
    expectProblem(await pay(t, { bookingId: booking.id, amount: 1200, key: secondKey }), 409, 'BOOKING.ALREADY_PAID');
    const { charges, refunds } = await moneyMoved(t, booking.id);
    expect(charges).toHaveLength(1);
    expect(refunds).toEqual([]);
    expect(await audit(t, { bookingId: booking.id, action: 'PAYMENT_INITIATED' })).toHaveLength(1);
    await expectConsistent(t);
  });

  it('an attempt whose request died holds the booking until the sweep finishes it; then another key pays once', async () => {
    const { booking } = await payableBooking(t, { price: 450, seats: 2 });
    jest.spyOn(provider, 'charge').mockRejectedValueOnce(new Error('injected crash'));

    expectOpaqueServerError(await pay(t, { bookingId: booking.id, amount: 900, key: uniqueKey('dead') }));
    const otherKey = uniqueKey('other');
    expectProblem(await pay(t, { bookingId: booking.id, amount: 900, key: otherKey }), 409, 'PAYMENT.IN_PROGRESS');

    advanceClock(t, (RECONCILE_AFTER_SECONDS + 5) * 1000);
    await runJob(t, 'expire-bookings').expect(200);

    const paid = await pay(t, { bookingId: booking.id, amount: 900, key: otherKey });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'SUCCEEDED', bookingStatus: 'CONFIRMED' });
    expect((await getBooking(t, booking.id)).status).toBe('CONFIRMED');
    const { charges, refunds } = await moneyMoved(t, booking.id);
    expect(charges).toHaveLength(1);
    expect(refunds).toEqual([]);
    await expectConsistent(t);
  });

  it('a provider that refused before charging frees the booking at once for another key; its own key stays resumable', async () => {
    const { booking } = await payableBooking(t, { price: 300, seats: 1 });
    const failedKey = uniqueKey('down');

    expectProblem(await pay(t, { bookingId: booking.id, amount: 300, force: 'provider_error', key: failedKey }), 502);
    const paid = await pay(t, { bookingId: booking.id, amount: 300, key: uniqueKey('fresh') });
    expect(paid.status).toBe(201);

    // The refused attempt's key comes back after the booking was paid: it may not charge.
    const late = await pay(t, { bookingId: booking.id, amount: 300, force: 'provider_error', key: failedKey });
    expectProblem(late, 409, 'BOOKING.ALREADY_PAID');
    const { charges, refunds } = await moneyMoved(t, booking.id);
    expect(charges).toHaveLength(1);
    expect(refunds).toEqual([]);
  });

  it('a refused attempt whose key comes back while another key is charging answers 409 PAYMENT.IN_PROGRESS, charging nothing', async () => {
    const { booking } = await payableBooking(t, { price: 350, seats: 1 });
    const refusedKey = uniqueKey('refused');
    expectProblem(await pay(t, { bookingId: booking.id, amount: 350, force: 'provider_error', key: refusedKey }), 502);

    const real = provider.charge.bind(provider);
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let charging!: () => void;
    const atProvider = new Promise<void>((resolve) => (charging = resolve));
    jest.spyOn(provider, 'charge').mockImplementationOnce(async (request) => {
      charging();
      await resumed;
      return real(request);
    });
    const other = pay(t, { bookingId: booking.id, amount: 350, key: uniqueKey('other') }).then((res) => res);
    await atProvider;

    // Taking the slot back meets the other attempt holding it: a refusal, not a failure of the request.
    const back = await pay(t, { bookingId: booking.id, amount: 350, force: 'provider_error', key: refusedKey });
    expectProblem(back, 409, 'PAYMENT.IN_PROGRESS');
    expect(back.headers['retry-after']).toBe('1');

    resume();
    expect((await other).status).toBe(201);
    const { charges, refunds } = await moneyMoved(t, booking.id);
    expect(charges).toHaveLength(1);
    expect(refunds).toEqual([]);
    await expectConsistent(t);
  });
});
