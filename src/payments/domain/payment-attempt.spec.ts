import { IllegalTransitionError } from '../../common/state-machine';
import type { ChargeResult, ChargeStatus } from './charge-result';
import type { RequestedOutcome } from './requested-outcome';
import {
  ATTEMPT_STATES,
  PAYMENT_ATTEMPT_RETENTION_MS,
  PaymentAttempt,
  keepsPaymentSlot,
  type AttemptStatus,
} from './payment-attempt';

const now = new Date('2030-01-01T12:00:00.000Z');
const input = {
  id: 'attempt-1',
  idempotencyKey: 'pay-key-1',
  bookingId: 'booking-1',
  amount: 7_500,
  force: 'success' as RequestedOutcome,
  correlationId: 'corr-1',
};
const ALL: AttemptStatus[] = ['PROCESSING', 'SUCCEEDED', 'FAILED', 'REFUNDED'];

describe('PaymentAttempt.start', () => {
  it('starts PROCESSING, unsettled, without a charge or purge time, for the given request', () => {
    const sut = PaymentAttempt.start(input, now);

    expect(sut).toMatchObject({ ...input, status: 'PROCESSING', settled: false, createdAt: now });
    expect(sut.chargeId).toBeUndefined();
    expect(sut.purgeAt).toBeUndefined();
  });
});

describe('ATTEMPT_STATES', () => {
  const everyPair = ALL.flatMap((from) => ALL.map((to) => [from, to] as [AttemptStatus, AttemptStatus]));

  it.each(everyPair)('%s → %s is legal only out of PROCESSING into a final state', (from, to) => {
    if (from === 'PROCESSING' && to !== 'PROCESSING') expect(() => ATTEMPT_STATES.assertMove(from, to)).not.toThrow();
    else expect(() => ATTEMPT_STATES.assertMove(from, to)).toThrow(IllegalTransitionError);
  });

  it('never lets a charged (SUCCEEDED) attempt be refunded afterwards, nor a declined one', () => {
    expect(ATTEMPT_STATES.sourcesOf('REFUNDED')).toEqual(['PROCESSING']);
  });

  it('ends in SUCCEEDED, FAILED or REFUNDED', () => {
    expect(ATTEMPT_STATES.states((rule) => rule.final).sort()).toEqual(['FAILED', 'REFUNDED', 'SUCCEEDED']);
  });
});

describe('PaymentAttempt.providerKey', () => {
  it('scopes the idempotency key by booking', () => {
    expect(PaymentAttempt.start(input, now).providerKey).toBe('payment:booking-1:pay-key-1');
  });

  it('differs for the same idempotency key on another booking, so two clients never share a charge', () => {
    const other = PaymentAttempt.start({ ...input, bookingId: 'booking-2' }, now);
    expect(other.providerKey).not.toBe(PaymentAttempt.start(input, now).providerKey);
  });

  it('gives a restored attempt of the same request the same key, so a retry never charges twice', () => {
    const started = PaymentAttempt.start(input, now);
    const restored = PaymentAttempt.restore({
      ...input,
      id: 'attempt-other',
      correlationId: 'corr-retry',
      status: 'SUCCEEDED',
      chargeId: 'ch_1',
      createdAt: new Date(now.getTime() + 1_000),
      settled: true,
      holdsPaymentSlot: true,
    });

    expect(restored.providerKey).toBe(started.providerKey);
  });

  it('differs between idempotency keys', () => {
    const other = PaymentAttempt.start({ ...input, idempotencyKey: 'pay-key-2' }, now);
    expect(other.providerKey).not.toBe(PaymentAttempt.start(input, now).providerKey);
  });
});

describe('PaymentAttempt.refundKey', () => {
  it('is per attempt, and never equal to its provider key', () => {
    const sut = PaymentAttempt.start(input, now);

    expect(sut.refundKey).toBe('attempt:attempt-1');
    expect(PaymentAttempt.start({ ...input, id: 'attempt-2' }, now).refundKey).not.toBe(sut.refundKey);
    expect(sut.refundKey).not.toBe(sut.providerKey);
  });
});

describe('PaymentAttempt.isFor', () => {
  const sut = PaymentAttempt.start(input, now);

  it('matches the same booking, amount and forced outcome', () => {
    expect(sut.isFor({ bookingId: 'booking-1', amount: 7_500, force: 'success' })).toBe(true);
  });

  it.each<{ bookingId: string; amount: number; force: RequestedOutcome }>([
    { bookingId: 'booking-2', amount: 7_500, force: 'success' },
    { bookingId: 'booking-1', amount: 7_501, force: 'success' },
    { bookingId: 'booking-1', amount: 7_500, force: 'failure' },
  ])('does not match a request that differs in one field: %p', (request) => {
    expect(sut.isFor(request)).toBe(false);
  });
});

describe('keepsPaymentSlot', () => {
  it.each<[AttemptStatus, boolean]>([
    // Money may still move: no other key may start.
    ['PROCESSING', true],
    // The booking is paid: nothing else may charge it.
    ['SUCCEEDED', true],
    // Nothing kept: another key may pay.
    ['FAILED', false],
    ['REFUNDED', false],
  ])('%s keeps the slot: %p', (status, keeps) => {
    expect(keepsPaymentSlot(status)).toBe(keeps);
  });

  it('is held by an attempt from its start', () => {
    expect(PaymentAttempt.start(input, now).holdsPaymentSlot).toBe(true);
  });
});

describe('PaymentAttempt transitions', () => {
  const sut = PaymentAttempt.start(input, now);
  const purgeAt = new Date(now.getTime() + PAYMENT_ATTEMPT_RETENTION_MS);
  const charged: ChargeResult = { chargeId: 'ch_1', status: 'SUCCEEDED' };

  it('succeed: → SUCCEEDED with the charge, keeping the booking slot, kept for the retention period', () => {
    expect(sut.succeed(charged, now)).toEqual({
      from: 'PROCESSING',
      to: 'SUCCEEDED',
      changes: { chargeId: 'ch_1', purgeAt, holdsPaymentSlot: true },
    });
  });

  it('refund: → REFUNDED with the charge and its refund, giving the slot up', () => {
    expect(sut.refund(charged, 're_1', now)).toEqual({
      from: 'PROCESSING',
      to: 'REFUNDED',
      changes: { chargeId: 'ch_1', refundId: 're_1', purgeAt, holdsPaymentSlot: false },
    });
  });

  it.each<[ChargeStatus, 'DECLINED' | 'ABANDONED']>([
    // The provider refused the charge.
    ['DECLINED', 'DECLINED'],
    // The key was closed before any charge: nobody came back for it.
    ['VOIDED', 'ABANDONED'],
  ])('fail: a %s answer → FAILED %s, giving the slot up', (status, failure) => {
    expect(sut.fail({ chargeId: 'ch_1', status }, now)).toEqual({
      from: 'PROCESSING',
      to: 'FAILED',
      changes: { chargeId: 'ch_1', failure, purgeAt, holdsPaymentSlot: false },
    });
  });

  it.each<AttemptStatus>(['SUCCEEDED', 'FAILED', 'REFUNDED'])('refuses to move an attempt that ended %s', (status) => {
    const ended = PaymentAttempt.restore({ ...sut, status });

    expect(() => ended.succeed(charged, now)).toThrow(IllegalTransitionError);
    expect(() => ended.fail({ chargeId: 'ch_1', status: 'DECLINED' }, now)).toThrow(IllegalTransitionError);
    expect(() => ended.refund(charged, 're_1', now)).toThrow(IllegalTransitionError);
  });
});

describe('PaymentAttempt predicates', () => {
  it.each<[AttemptStatus, { isOpen: boolean; hasSucceeded: boolean; wasRefunded: boolean }]>([
    ['PROCESSING', { isOpen: true, hasSucceeded: false, wasRefunded: false }],
    ['SUCCEEDED', { isOpen: false, hasSucceeded: true, wasRefunded: false }],
    ['FAILED', { isOpen: false, hasSucceeded: false, wasRefunded: false }],
    ['REFUNDED', { isOpen: false, hasSucceeded: false, wasRefunded: true }],
  ])('%s: %p', (status, expected) => {
    const sut = PaymentAttempt.restore({ ...PaymentAttempt.start(input, now), status });

    expect({ isOpen: sut.isOpen, hasSucceeded: sut.hasSucceeded, wasRefunded: sut.wasRefunded }).toEqual(expected);
  });
});
