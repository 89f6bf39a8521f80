import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  retryAfterMs,
  retryReasonOf,
  type RetryPolicy,
  type RetryReason,
} from './retry-policy';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** What the onRetry hook hears before each wait: the attempt that failed and why, and how long until the next. */
export interface RetryEvent {
  method: string;
  url: string;
  /** The idempotency key every attempt of this operation carries (none on reads). */
  key: string | undefined;
  /** The attempt that failed, 1 for the first. */
  attempt: number;
  reason: RetryReason;
  /** The answer's status, when there was one. */
  status: number | undefined;
  delayMs: number;
}

export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface RetryingFetchOptions {
  /** The transport: globalThis.fetch unless given (a test proxy, a chaos workload's instrumented fetch). */
  fetch?: (request: Request) => Promise<Response>;
  policy?: Partial<RetryPolicy>;
  /** The key of a logical operation that brings none of its own. */
  newKey?: () => string;
  /** Sent as `Authorization: Bearer …` on every attempt; a function is asked again each time. */
  token?: TokenSource;
  onRetry?: (event: RetryEvent) => void;
  /** Uniform in [0, 1): Math.random unless given. */
  random?: () => number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A fetch that carries one logical operation through as many attempts as the policy allows. A write gets
 * its idempotency key once, before the first attempt (the caller's own, from the Idempotency-Key header or
 * the body's idempotencyKey, or a new one), and every retry sends that same key: the server then applies
 * the write at most once and answers the retry with the stored result. Uses only fetch, Headers, Request,
 * AbortController and timers, so it runs in Node 20 and in browsers alike.
 */
export function retryingFetch(options: RetryingFetchOptions = {}): (request: Request) => Promise<Response> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const random = options.random ?? Math.random;

  return async (request) => {
    const body = request.body === null ? undefined : await request.text();
    const headers = new Headers(request.headers);
    if (WRITES.has(request.method) && !headers.has(IDEMPOTENCY_HEADER))
      headers.set(IDEMPOTENCY_HEADER, keyInBody(body) ?? newKey());
    const key = headers.get(IDEMPOTENCY_HEADER) ?? undefined;
    const caller = request.signal;
    const started = Date.now();

    for (let attempt = 1; ; attempt++) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token) headers.set('Authorization', `Bearer ${token}`);
      const outcome = await attemptOnce(send, request, { headers, body }, policy.attemptTimeoutMs, caller);
      const reason = 'response' in outcome ? await retryReasonOf(outcome.response) : outcome.reason;
      if ('response' in outcome && reason === undefined) return outcome.response;

      const status = 'response' in outcome ? outcome.response.status : undefined;
      const floor = 'response' in outcome ? (retryAfterMs(outcome.response) ?? 0) : 0;
      const delayMs = backoffMs(policy, attempt, random, floor);
      const outOfTime = Date.now() + delayMs - started > policy.maxElapsedMs;
      if (attempt >= policy.maxAttempts || outOfTime) {
        if ('response' in outcome) return outcome.response;
        throw outcome.error;
      }
      // A discarded answer's body is released, so its connection goes back to the pool.
      if ('response' in outcome) await outcome.response.body?.cancel();
      options.onRetry?.({ method: request.method, url: request.url, key, attempt, reason: reason!, status, delayMs });
      await pause(delayMs, caller);
    }
  };
}

type Outcome = { response: Response } | { error: unknown; reason: 'network' | 'timeout' };

/** One attempt, abandoned after timeoutMs; the caller's abort ends it and the whole operation at once. */
async function attemptOnce(
  send: (request: Request) => Promise<Response>,
  original: Request,
  init: { headers: Headers; body: string | undefined },
  timeoutMs: number,
  caller: AbortSignal,
): Promise<Outcome> {
  caller.throwIfAborted();
  const controller = new AbortController();
  const abort = () => controller.abort(caller.reason);
  caller.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  try {
    const request = new Request(original.url, {
      method: original.method,
      headers: init.headers,
      body: init.body,
      credentials: original.credentials,
      redirect: original.redirect,
      signal: controller.signal,
    });
    return { response: await send(request) };
  } catch (error) {
    caller.throwIfAborted();
    return { error, reason: timedOut ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
    caller.removeEventListener('abort', abort);
  }
}

function keyInBody(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const key = (JSON.parse(body) as { idempotencyKey?: unknown } | null)?.idempotencyKey;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const done = () => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason as Error); // what the caller aborted with: an AbortError unless they gave their own
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}
