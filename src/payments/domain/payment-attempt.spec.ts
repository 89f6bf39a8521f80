import type { ForcedOutcome } from '../provider/payment-provider';
import { PAYMENT_ATTEMPT_RETENTION_MS, PaymentAttempt, type AttemptStatus } from './payment-attempt';

const now = new Date('2030-01-01T12:00:00.000Z');
const input = {
  id: 'attempt-1',
  idempotencyKey: 'pay-key-1',
  bookingId: 'booking-1',
  amount: 7_500,
  force: 'success' as ForcedOutcome,
  correlationId: 'corr-1',
};

describe('PaymentAttempt.start', () => {
  it('starts PROCESSING, without a charge, for the given request', () => {
    const sut = PaymentAttempt.start(input, now);

    expect(sut.status).toBe('PROCESSING');
    expect(sut.chargeId).toBeUndefined();
    expect(sut.id).toBe('attempt-1');
    expect(sut.idempotencyKey).toBe('pay-key-1');
    expect(sut.bookingId).toBe('booking-1');
    expect(sut.amount).toBe(7_500);
    expect(sut.force).toBe('success');
    expect(sut.correlationId).toBe('corr-1');
    expect(sut.createdAt).toEqual(now);
  });

  it('is kept for 24 hours', () => {
    expect(PAYMENT_ATTEMPT_RETENTION_MS).toBe(24 * 3_600_000);
    expect(PaymentAttempt.start(input, now).expiresAt).toEqual(new Date('2030-01-02T12:00:00.000Z'));
  });
});

describe('PaymentAttempt.sourcesOf', () => {
  it.each<[AttemptStatus, AttemptStatus[]]>([
    ['PROCESSING', []],
    ['SUCCEEDED', ['PROCESSING']],
    ['FAILED', ['PROCESSING']],
    ['REFUNDED', ['SUCCEEDED']],
  ])('lists the states that may move to %s', (to, sources) => {
    expect([...PaymentAttempt.transitions.sourcesOf(to)].sort()).toEqual([...sources].sort());
  });

  it('never lets a declined (FAILED) attempt be refunded', () => {
    expect(PaymentAttempt.transitions.sourcesOf('REFUNDED')).not.toContain('FAILED');
  });
});

describe('PaymentAttempt.providerKey', () => {
  it('derives the provider key from the idempotency key alone', () => {
    expect(PaymentAttempt.start(input, now).providerKey).toBe('payment:pay-key-1');
  });

  it('gives a restored attempt the same key as the one that started it, so a retry never charges twice', () => {
    const started = PaymentAttempt.start(input, now);
    const restored = PaymentAttempt.restore({
      ...input,
      id: 'attempt-other',
      correlationId: 'corr-retry',
      status: 'SUCCEEDED',
      chargeId: 'ch_1',
      createdAt: new Date(now.getTime() + 1_000),
      expiresAt: started.expiresAt,
    });

    expect(restored.providerKey).toBe(started.providerKey);
  });

  it('differs between idempotency keys', () => {
    const other = PaymentAttempt.start({ ...input, idempotencyKey: 'pay-key-2' }, now);
    expect(other.providerKey).not.toBe(PaymentAttempt.start(input, now).providerKey);
  });
});

describe('PaymentAttempt.isFor', () => {
  const sut = PaymentAttempt.start(input, now);

  it('matches the same booking, amount and forced outcome', () => {
    expect(sut.isFor({ bookingId: 'booking-1', amount: 7_500, force: 'success' })).toBe(true);
  });

  it.each([
    { bookingId: 'booking-2', amount: 7_500, force: 'success' as ForcedOutcome },
    { bookingId: 'booking-1', amount: 7_501, force: 'success' as ForcedOutcome },
    { bookingId: 'booking-1', amount: 7_500, force: 'failure' as ForcedOutcome },
  ])('does not match a request that differs in one field: %p', (request) => {
    expect(sut.isFor(request)).toBe(false);
  });
});
