import { SetMetadata, type Type } from '@nestjs/common';
import type { NewAuditEntry } from '../audit/domain/audit-entry';
import type { DomainError } from '../common/errors/domain-error';

/** How a retried request (a replay, a takeover, or a duplicate of a done thing) appears in the audit trail. */
export type RetryAuditEntry = Partial<Omit<NewAuditEntry, 'correlationId' | 'metadata'>> & {
  metadata?: Record<string, unknown>;
};

export interface IdempotentOptions {
  /** Names the endpoint: the same key on two endpoints is two different keys. */
  scope: string;
  /**
   * The route's body DTO. The interceptor validates the body with it before claiming (an invalid request
   * never claims a key) and fingerprints the validated instance, defaults applied.
   */
  body: Type<object>;
  /** When false, a request without a key runs without idempotency protection of its own. */
  keyRequired: boolean;
  /**
   * The business errors that are this route's final answer (seats unavailable): stored under the key and
   * replayed like a success. Every other error releases the key so the same request can be tried again.
   */
  finalErrors?: Type<DomainError>[];
  /** Replays also say `isRetry: true` in the body (payments do, as the contract asks). */
  flagRetryInBody?: boolean;
  /** The retry's audit entry, from the original answer's body (empty for a stored error) and the request. */
  retryAudit: (answer: Record<string, unknown>, request: Record<string, unknown>) => RetryAuditEntry;
}

export const IDEMPOTENT = Symbol('idempotent');

export const Idempotent = (options: IdempotentOptions) => SetMetadata(IDEMPOTENT, options);
