/**
 * When to send a request again, and how long to wait first. The server makes a repeated write safe
 * (same idempotency key, same answer); this decides which answers are worth repeating it for:
 * the ones where the write may not have happened yet, or may have happened without us hearing of it.
 */

export interface RetryPolicy {
  /** Attempts per logical operation, the first included. */
  maxAttempts: number;
  /** Give up once this much time has passed since the first attempt (a wait that would cross it is not started). */
  maxElapsedMs: number;
  /** An attempt that has not answered by then is abandoned (and retried, with the same key). */
  attemptTimeoutMs: number;
  /** The backoff ceiling before jitter: baseDelayMs · 2^(retry − 1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  maxElapsedMs: 30_000,
  attemptTimeoutMs: 10_000,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

/** Why an attempt is repeated: its outcome is unknown, or the server asked to come back. */
export type RetryReason = 'network' | 'timeout' | 'unavailable' | 'in-progress';

/** The gateway and availability answers: the request may not have reached the application. */
const UNAVAILABLE = new Set([502, 503, 504]);

/**
 * The reason to retry this answer, or undefined to hand it to the caller. A 409 is retried only when the
 * same key is still in flight (IDEMPOTENCY.IN_PROGRESS): every other 4xx says the request itself is wrong
 * or conflicts, and sending it again gets the same answer.
 */
export async function retryReasonOf(response: Response): Promise<RetryReason | undefined> {
  if (UNAVAILABLE.has(response.status)) return 'unavailable';
  if (response.status !== 409) return undefined;
  const problem = await response
    .clone()
    .json()
    .catch(() => undefined);
  return (problem as { code?: unknown } | undefined)?.code === 'IDEMPOTENCY.IN_PROGRESS' ? 'in-progress' : undefined;
}

/** Retry-After in milliseconds, when the answer has one in seconds (the only form this server sends). */
export function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) * 1000 : undefined;
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform draw below the
 * exponential ceiling, so clients that failed together do not come back together. A Retry-After from the
 * server is a floor: it knows when the in-flight request or the outage will be over.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number, floorMs = 0): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.max(floorMs, Math.floor(random() * ceiling));
}
