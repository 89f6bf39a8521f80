import { retryingFetch } from '../../client/retrying-fetch';
import type { RetryPolicy } from '../../client/retry-policy';
import type { History, HistoryEntry, KeyPlace, Scope } from './history';
import type { Prng } from './prng';

/** A client's patience for one request; operator calls (jobs, the consistency scan) get more via `timeoutMs`. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Share of keyed sends that carry the key in the `Idempotency-Key` header rather than the body field. */
const KEY_IN_HEADER_SHARE = 0.3;

/**
 * The well-behaved clients' retry policy: the typed client's default (client/retry-policy.ts), but an
 * attempt is abandoned after five seconds — a black-holed engine answers 503 within three.
 */
export const WORKLOAD_POLICY: Partial<RetryPolicy> = { attemptTimeoutMs: REQUEST_TIMEOUT_MS };

export interface Send {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  scope?: Scope;
  key?: string;
  /**
   * Where the key goes: the `Idempotency-Key` header or the body's `idempotencyKey`. Unset, each operation
   * (and each raw send) picks at random, so double clicks switch between the two (which must be one key).
   */
  keyIn?: KeyPlace;
  /** JSON body, without the key. */
  payload?: Record<string, unknown>;
  /** Sent with the operator credential (ADMIN_TOKEN) instead of the client's own token. */
  admin?: boolean;
  /** Another client's resource: the answer must be a 404 (secured mode). */
  foreign?: boolean;
}

export interface SendOptions {
  instance: number;
  /** Abort after this many ms: the client hangs up mid-request, the server may or may not finish. */
  abortAfterMs?: number;
  timeoutMs?: number;
  storm?: boolean;
  retry?: boolean;
}

/** What every attempt of one operation shares in the history. */
type EntryBase = Pick<HistoryEntry, 'scope' | 'key' | 'keyIn' | 'method' | 'path' | 'payload' | 'foreign'>;

/**
 * Speaks HTTP to the instances for one virtual client and writes every attempt to the history: raw single
 * sends (`send`, for the deliberately broken behaviours and the operator calls) and operations carried by
 * the typed client's retrying fetch (`perform`), whose injected transport records each attempt and sends it
 * to a random instance, as a load balancer would. Never throws: a timeout, an abort and a refused
 * connection are outcomes like any status.
 */
export class ChaosClient {
  constructor(
    readonly id: number,
    private readonly ports: readonly number[],
    private readonly history: History,
    readonly rng: Prng,
    private readonly adminToken: string,
    /** The client's own bearer token (secured mode); undefined in the open mode. */
    private readonly token: string | undefined,
  ) {}

  get instanceCount(): number {
    return this.ports.length;
  }

  randomInstance(): number {
    return this.rng.int(0, this.ports.length - 1);
  }

  private randomKeyPlace(): KeyPlace {
    return this.rng.chance(KEY_IN_HEADER_SHARE) ? 'header' : 'body';
  }

  /** One attempt, outside any retry policy. */
  async send(request: Send, options: SendOptions): Promise<HistoryEntry> {
    const keyIn = request.key === undefined ? undefined : (request.keyIn ?? this.randomKeyPlace());
    const headers = this.headersOf(request, keyIn);
    if (request.admin) headers.set('authorization', `Bearer ${this.adminToken}`);
    else if (this.token) headers.set('authorization', `Bearer ${this.token}`);

    const controller = new AbortController();
    let cause: 'timeout' | 'aborted' | undefined;
    const timers = [
      setTimeout(() => ((cause = 'timeout'), controller.abort()), options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      ...(options.abortAfterMs === undefined
        ? []
        : [setTimeout(() => ((cause = 'aborted'), controller.abort()), options.abortAfterMs)]),
    ];
    const entry = this.newEntry(this.baseOf(request, keyIn), options.instance, options);
    const sent = new Request(this.urlAt(options.instance, request.path), {
      method: request.method,
      headers,
      body: this.bodyOf(request, keyIn),
      signal: controller.signal,
    });
    await this.exchange(entry, sent, () => cause).catch(() => undefined);
    timers.forEach(clearTimeout);
    return entry;
  }

  /**
   * One logical operation through the typed client's retry policy (client/retrying-fetch.ts): the key the
   * request carries is kept by every attempt. Returns the entry of the last attempt, or undefined when the
   * last attempt got no answer at all. `earlierSends` says whether this operation was already sent (a storm,
   * a send the client cut off), so that its first attempt here counts as a retry.
   */
  async perform(request: Send, policy: Partial<RetryPolicy>, earlierSends = false): Promise<HistoryEntry | undefined> {
    const keyIn = request.key === undefined ? undefined : (request.keyIn ?? this.randomKeyPlace());
    const base = this.baseOf(request, keyIn);
    let last: HistoryEntry | undefined;
    let attempts = earlierSends ? 1 : 0;
    const send = retryingFetch({
      policy,
      token: this.token,
      random: () => this.rng.next(),
      fetch: async (attempt) => {
        const instance = this.randomInstance();
        const entry = this.newEntry(base, instance, { retry: attempts++ > 0 });
        last = entry;
        const url = new URL(attempt.url);
        const routed = new Request(this.urlAt(instance, url.pathname + url.search), {
          method: attempt.method,
          headers: attempt.headers,
          body: attempt.body === null ? undefined : await attempt.text(),
          signal: attempt.signal,
        });
        const timedOut = () =>
          (attempt.signal.reason as Error | undefined)?.name === 'TimeoutError' ? 'timeout' : undefined;
        return this.exchange(entry, routed, timedOut);
      },
    });
    const headers = this.headersOf(request, keyIn);
    const body = this.bodyOf(request, keyIn);
    const answered = await send(
      new Request(this.urlAt(0, request.path), { method: request.method, headers, body }),
    ).then(
      () => true,
      () => false,
    );
    return answered ? last : undefined;
  }

  /** Sends one request, records it whatever happens, and hands the answer on with its body still readable. */
  private async exchange(
    entry: HistoryEntry,
    request: Request,
    causeOfFailure: () => 'timeout' | 'aborted' | undefined,
  ): Promise<Response> {
    try {
      const res = await fetch(request);
      const text = await res.text();
      entry.outcome = 'response';
      entry.status = res.status;
      entry.replayed = res.headers.get('idempotent-replayed') === 'true';
      entry.body = parseJson(text);
      return new Response(NULL_BODY_STATUSES.has(res.status) ? null : text, {
        status: res.status,
        headers: res.headers,
      });
    } catch (error) {
      entry.outcome = causeOfFailure() ?? 'network';
      throw error;
    } finally {
      entry.endedAt = Date.now();
      this.history.record(entry);
    }
  }

  private urlAt(instance: number, path: string): string {
    return `http://127.0.0.1:${this.ports[instance]}${path}`;
  }

  private baseOf(request: Send, keyIn: KeyPlace | undefined): EntryBase {
    const { scope, key, method, path, payload, foreign } = request;
    return { scope, key, keyIn, method, path, payload, foreign };
  }

  private newEntry(base: EntryBase, instance: number, options: { storm?: boolean; retry?: boolean }): HistoryEntry {
    return {
      ...base,
      seq: this.history.nextSeq(),
      client: this.id,
      instance,
      startedAt: Date.now(),
      endedAt: 0,
      outcome: 'network',
      replayed: false,
      storm: options.storm ?? false,
      retry: options.retry ?? false,
    };
  }

  private headersOf(request: Send, keyIn: KeyPlace | undefined): Headers {
    const headers = new Headers();
    if (request.payload || keyIn === 'body') headers.set('content-type', 'application/json');
    // fetch strips a header value's leading and trailing spaces, so a padded key travels in the body only.
    if (keyIn === 'header') headers.set('idempotency-key', request.key!);
    return headers;
  }

  private bodyOf(request: Send, keyIn: KeyPlace | undefined): string | undefined {
    const json = keyIn === 'body' ? { ...request.payload, idempotencyKey: request.key } : request.payload;
    return json ? JSON.stringify(json) : undefined;
  }
}

/** Statuses whose Response may carry no body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
