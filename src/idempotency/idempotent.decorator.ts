import { SetMetadata } from '@nestjs/common';
import type { NewAuditEntry } from '../audit/domain/audit-entry';

/** How a retried request (a replay, or a takeover of a dead request's key) appears in the audit trail. */
export type RetryAuditEntry = Partial<Omit<NewAuditEntry, 'correlationId' | 'metadata'>> & {
  metadata?: Record<string, unknown>;
};

export interface IdempotentOptions {
  /** Names the endpoint: the same key on two endpoints is two different keys. */
  scope: string;
  /** When false, a request without a key runs without idempotency protection of its own. */
  keyRequired: boolean;
  /** Replays also say `isRetry: true` in the body (payments do, as the contract asks). */
  flagRetryInBody?: boolean;
  /** Derives the retry's audit entry from the original answer's body. */
  retryAudit: (body: Record<string, unknown>) => RetryAuditEntry;
}

export const IDEMPOTENT = Symbol('idempotent');

export const Idempotent = (options: IdempotentOptions) => SetMetadata(IDEMPOTENT, options);
