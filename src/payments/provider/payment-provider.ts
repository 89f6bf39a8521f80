import { ConflictError, DomainError } from '../../common/errors/domain-error';
import type { ChargeResult, ChargeStatus } from '../domain/charge-result';
import type { RequestedOutcome } from '../domain/requested-outcome';

export interface ChargeRequest {
  /** The provider's own idempotency key: a second call with it returns the first call's result. */
  key: string;
  bookingId: string;
  amount: number;
  /** What the payer asked for; a real provider ignores it, the simulated one does exactly that. */
  outcome: RequestedOutcome;
}

export interface RefundRequest {
  key: string;
  bookingId: string;
  chargeId: string;
  amount: number;
}

export const LEDGER_ENTRY_TYPES = ['CHARGE', 'REFUND'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export interface LedgerEntry {
  id: string;
  type: LedgerEntryType;
  status: ChargeStatus;
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
    super(
      'UPSTREAM_TIMEOUT',
      'PAYMENT.PROVIDER_TIMEOUT',
      'The payment provider did not answer in time; retry with the same key',
      1,
    );
  }
}

/** The provider refuses a key it has seen with another booking or amount, as real providers do. */
export class ProviderKeyConflictError extends ConflictError {
  constructor(key: string) {
    super('PAYMENT.PROVIDER_KEY_CONFLICT', `The provider already used key ${key} for a different payment`);
  }
}

/** A payment provider whose every money-moving call is idempotent by key, as real providers are. */
export abstract class PaymentProvider {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The charge made under `key`, if the provider made one (or voided the key). */
  abstract findCharge(key: string): Promise<ChargeResult | undefined>;
  /** Closes `key` unless a charge was made under it: what is returned is final for that key. */
  abstract voidUnlessCharged(request: Omit<ChargeRequest, 'outcome'>): Promise<ChargeResult>;
  abstract refund(request: RefundRequest): Promise<{ refundId: string }>;
  /** The booking's entries, oldest first, at most `limit`. */
  abstract ledger(bookingId: string, limit: number): Promise<LedgerEntry[]>;
  /** Every booking's net money (charges that moved money minus refunds), for the books in the consistency check. */
  abstract netByBooking(): Promise<Map<string, number>>;
}
