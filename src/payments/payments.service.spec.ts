import { Principal } from '../auth/principal';
import { FixedClock } from '../../test/support/clock';
import type { AuditService } from '../audit/audit.service';
import type { BookingsService } from '../bookings/bookings.service';
import { RequestMismatchError } from '../common/errors/domain-error';
import { Booking, type Payment } from '../bookings/domain/booking';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import type { MetricsService } from '../metrics/metrics.service';
import type { ChargeResult } from './domain/charge-result';
import { PaymentAttempt, type AttemptTransition } from './domain/payment-attempt';
import { PaymentAttemptsRepository, type InsertedAttempt } from './payment-attempts.repository';
import { PaymentsService, type PayCommand } from './payments.service';
import {
  PaymentProvider,
  ProviderUnavailableError,
  type ChargeRequest,
  type LedgerEntry,
} from './provider/payment-provider';

const now = new Date('2030-01-01T12:00:00.000Z');

/** Attempts with both unique keys of the Mongo repository: one per booking and key, one slot holder per booking. */
class InMemoryAttempts extends PaymentAttemptsRepository {
  readonly byId = new Map<string, PaymentAttempt>();

  private slotHolder(bookingId: string): PaymentAttempt | undefined {
    return [...this.byId.values()].find((a) => a.bookingId === bookingId && a.holdsPaymentSlot);
  }

  save(attempt: PaymentAttempt): void {
    this.byId.set(attempt.id, attempt);
  }
  insertOrGet(attempt: PaymentAttempt): Promise<InsertedAttempt> {
    const twin = [...this.byId.values()].find(
      (a) => a.bookingId === attempt.bookingId && a.idempotencyKey === attempt.idempotencyKey,
    );
    if (twin) return Promise.resolve({ attempt: twin, inserted: false });
    const holder = this.slotHolder(attempt.bookingId);
    if (holder) return Promise.resolve({ busyWith: holder });
    this.save(attempt);
    return Promise.resolve({ attempt, inserted: true });
  }
  holdSlot(attempt: PaymentAttempt, hold: boolean): Promise<boolean> {
    const holder = this.slotHolder(attempt.bookingId);
    if (hold && holder && holder.id !== attempt.id) return Promise.resolve(false);
    const current = this.byId.get(attempt.id)!;
    this.save(PaymentAttempt.restore({ ...current, holdsPaymentSlot: hold }));
    return Promise.resolve(true);
  }
  findByKey(bookingId: string, key: string): Promise<PaymentAttempt | undefined> {
    return Promise.resolve([...this.byId.values()].find((a) => a.bookingId === bookingId && a.idempotencyKey === key));
  }
  findById(id: string): Promise<PaymentAttempt | undefined> {
    return Promise.resolve(this.byId.get(id));
  }
  transition(
    attempt: PaymentAttempt,
    transition: AttemptTransition,
    context: { correlationId: string },
  ): Promise<PaymentAttempt | undefined> {
    const current = this.byId.get(attempt.id);
    if (current?.status !== transition.from) return Promise.resolve(undefined);
    const moved = PaymentAttempt.restore({
      ...current,
      ...transition.changes,
      ...context,
      status: transition.to,
      previousStatus: transition.from,
    });
    this.save(moved);
    return Promise.resolve(moved);
  }
  markSettled(): Promise<void> {
    return Promise.resolve();
  }
  async *streamOpen(): AsyncIterable<PaymentAttempt> {}
  purgeExpired(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** A provider idempotent by key that records every charge it makes; `down` refuses before charging. */
class RecordingProvider extends PaymentProvider {
  readonly charges = new Map<string, ChargeResult>();
  down = false;

  charge(request: ChargeRequest): Promise<ChargeResult> {
    if (this.down) return Promise.reject(new ProviderUnavailableError());
    const charge = this.charges.get(request.key) ?? { chargeId: `charge:${request.key}`, status: 'SUCCEEDED' };
    this.charges.set(request.key, charge);
    return Promise.resolve(charge);
  }
  findCharge(key: string): Promise<ChargeResult | undefined> {
    return Promise.resolve(this.charges.get(key));
  }
  voidUnlessCharged(request: Omit<ChargeRequest, 'outcome'>): Promise<ChargeResult> {
    return Promise.resolve(this.charges.get(request.key) ?? { chargeId: 'void', status: 'VOIDED' });
  }
  refund(): Promise<{ refundId: string }> {
    return Promise.reject(new Error('no refund expected in these specs'));
  }
  ledger(): Promise<LedgerEntry[]> {
    return Promise.resolve([]);
  }
  netByBooking(): Promise<Map<string, number>> {
    return Promise.resolve(new Map());
  }
}

const unpaid = Booking.restore({
  id: 'booking-1',
  seatLockId: 'lock-1',
  eventId: 'event-1',
  userId: 'user-1',
  seats: 2,
  amount: 2_000,
  startsAt: new Date(now.getTime() + 30 * 24 * 3_600_000),
  status: 'PENDING_PAYMENT',
  expiresAt: new Date(now.getTime() + 900_000),
  createdAt: now,
  correlationId: 'corr-0',
  settled: true,
});

function setUp() {
  let booking = unpaid;
  const bookings = {
    get: () => Promise.resolve(booking),
    confirmPayment: (_id: string, payment: Payment) => {
      if (booking.status !== 'PENDING_PAYMENT') return Promise.resolve(undefined);
      booking = Booking.restore({ ...booking, status: 'CONFIRMED', payment });
      return Promise.resolve(booking);
    },
  } as unknown as BookingsService;
  const attempts = new InMemoryAttempts();
  const provider = new RecordingProvider();
  const audit = { trailLater: () => undefined, factLater: () => undefined } as unknown as AuditService;
  const metrics = { paymentRequests: { inc: () => undefined } } as unknown as MetricsService;
  const sut = new PaymentsService(
    attempts,
    bookings,
    provider,
    audit,
    new FollowUpQueue(),
    metrics,
    new FixedClock(now),
  );
  return { sut, attempts, provider, booking: () => booking };
}

const command = (idempotencyKey: string): PayCommand => ({
  bookingId: 'booking-1',
  amount: 2_000,
  force: 'success',
  idempotencyKey,
});

describe('PaymentsService.pay: one payment at a time per booking', () => {
  it('charges once, confirms the booking, and keeps the slot once SUCCEEDED', async () => {
    const { sut, provider, booking } = setUp();

    const outcome = await sut.pay(command('key-1'), 'corr-1', Principal.OPEN);

    expect(outcome.attempt).toMatchObject({ status: 'SUCCEEDED', holdsPaymentSlot: true });
    expect(booking().status).toBe('CONFIRMED');
    expect([...provider.charges.keys()]).toEqual(['payment:booking-1:key-1']);
  });

  it('answers PAYMENT.IN_PROGRESS to another key while an attempt holds the slot, before any charge', async () => {
    const { sut, attempts, provider } = setUp();
    attempts.save(
      PaymentAttempt.start({ id: 'attempt-0', correlationId: 'corr-0', ...command('key-0'), force: 'success' }, now),
    );

    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toMatchObject({
      code: 'PAYMENT.IN_PROGRESS',
      retryAfterSeconds: 1,
    });
    expect(provider.charges.size).toBe(0);
  });

  it('answers BOOKING.ALREADY_PAID to another key that read the booking before it was paid, before any charge', async () => {
    const { sut, attempts, provider } = setUp();
    const paid = PaymentAttempt.restore({
      ...PaymentAttempt.start({ id: 'attempt-0', correlationId: 'corr-0', ...command('key-0') }, now),
      status: 'SUCCEEDED',
    });
    attempts.save(paid);

    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toMatchObject({
      code: 'BOOKING.ALREADY_PAID',
    });
    expect(provider.charges.size).toBe(0);
  });

  it('gives the slot up when the provider refuses before charging, so another key pays at once', async () => {
    const { sut, attempts, provider, booking } = setUp();
    provider.down = true;
    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect((await attempts.findByKey('booking-1', 'key-1'))?.holdsPaymentSlot).toBe(false);

    provider.down = false;
    expect((await sut.pay(command('key-2'), 'corr-2', Principal.OPEN)).attempt.status).toBe('SUCCEEDED');
    expect(booking().status).toBe('CONFIRMED');
  });

  it('lets a refused attempt resume only once it holds the slot again: another key paying blocks it, without a charge', async () => {
    const { sut, attempts, provider } = setUp();
    provider.down = true;
    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toBeInstanceOf(ProviderUnavailableError);
    provider.down = false;
    attempts.save(
      PaymentAttempt.start({ id: 'attempt-2', correlationId: 'corr-2', ...command('key-2'), force: 'success' }, now),
    );

    await expect(sut.pay(command('key-1'), 'corr-3', Principal.OPEN)).rejects.toMatchObject({
      code: 'PAYMENT.IN_PROGRESS',
    });
    expect(provider.charges.size).toBe(0);
  });

  it('resumes a refused attempt that takes the slot back, and charges once', async () => {
    const { sut, provider } = setUp();
    provider.down = true;
    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toBeInstanceOf(ProviderUnavailableError);
    provider.down = false;

    const outcome = await sut.pay(command('key-1'), 'corr-2', Principal.OPEN);

    expect(outcome).toMatchObject({ resumed: true, attempt: { status: 'SUCCEEDED', holdsPaymentSlot: true } });
    expect(provider.charges.size).toBe(1);
  });

  it('refuses a key whose attempt was made for another request (REQUEST.MISMATCH), before any charge', async () => {
    const { sut, provider } = setUp();
    provider.down = true;
    await expect(sut.pay(command('key-1'), 'corr-1', Principal.OPEN)).rejects.toBeInstanceOf(ProviderUnavailableError);
    provider.down = false;

    await expect(sut.pay({ ...command('key-1'), force: 'failure' }, 'corr-2', Principal.OPEN)).rejects.toBeInstanceOf(
      RequestMismatchError,
    );
    expect(provider.charges.size).toBe(0);
  });
});
