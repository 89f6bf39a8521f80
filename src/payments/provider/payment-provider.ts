import { DomainError } from '../../common/errors/domain-error';

/** What the simulated provider does with a charge, chosen by the caller (the `force` field). */
export type ForcedOutcome = 'success' | 'failure' | 'provider_error' | 'timeout_after_charge';

export interface ChargeRequest {
  /** The provider's own idempotency key: a second call with it returns the first call's result. */
  key: string;
  bookingId: string;
  amount: number;
  outcome: ForcedOutcome;
}

export interface ChargeResult {
  chargeId: string;
  status: 'SUCCEEDED' | 'DECLINED';
}

export interface RefundRequest {
  key: string;
  bookingId: string;
  chargeId: string;
  amount: number;
}

export interface LedgerEntry {
  id: string;
  type: 'CHARGE' | 'REFUND';
  status: 'SUCCEEDED' | 'DECLINED';
  bookingId: string;
  amount: number;
  chargeId?: string;
  createdAt: Date;
}

/** The provider failed before charging: nothing happened, the same request may be sent again. */
export class ProviderUnavailableError extends DomainError {
  constructor() {
    super('UPSTREAM_FAILED', 'PAYMENT.PROVIDER_ERROR', 'The payment provider is unavailable; nothing was charged', 1);
  }
}

/** The provider's answer was lost: it may have charged. A retry with the same key finds out. */
export class ProviderTimeoutError extends DomainError {
  constructor() {
    super('UPSTREAM_TIMEOUT', 'PAYMENT.PROVIDER_TIMEOUT', 'The payment provider did not answer in time; retry with the same key', 1);
  }
}

/** A payment provider whose every money-moving call is idempotent by key, as real providers are. */
export abstract class PaymentProvider {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The charge made under `key`, if the provider made one. */
  abstract findCharge(key: string): Promise<ChargeResult | undefined>;
  abstract refund(request: RefundRequest): Promise<{ refundId: string }>;
  abstract ledger(bookingId: string): Promise<LedgerEntry[]>;
}
