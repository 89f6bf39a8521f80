import type { History, HistoryEntry, KeyPlace, Scope } from './history';
import type { Prng } from './prng';

/** A client's patience for one request; operator calls (jobs, the consistency scan) get more via `timeoutMs`. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Share of keyed sends that carry the key in the `Idempotency-Key` header rather than the body field. */
const KEY_IN_HEADER_SHARE = 0.3;

export interface Send {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  scope?: Scope;
  key?: string;
  /**
   * Where the key goes: the `Idempotency-Key` header or the body's `idempotencyKey`. Unset, each send
   * picks at random, so retries and double clicks switch between the two (which must be one key).
   */
  keyIn?: KeyPlace;
  /** JSON body, without the key. */
  payload?: Record<string, unknown>;
  admin?: boolean;
}

export interface SendOptions {
  instance: number;
  /** Abort after this many ms: the client hangs up mid-request, the server may or may not finish. */
  abortAfterMs?: number;
  timeoutMs?: number;
  storm?: boolean;
  retry?: boolean;
}

/**
 * Speaks HTTP to the instances for one virtual client and writes every exchange to the history.
 * Never throws: a timeout, an abort and a refused connection are outcomes like any status.
 */
export class ChaosClient {
  constructor(
    readonly id: number,
    private readonly ports: readonly number[],
    private readonly history: History,
    readonly rng: Prng,
    private readonly adminToken: string,
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

  async send(request: Send, options: SendOptions): Promise<HistoryEntry> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    const keyIn = request.key === undefined ? undefined : (request.keyIn ?? this.randomKeyPlace());
    const json = keyIn === 'body' ? { ...request.payload, idempotencyKey: request.key } : request.payload;
    if (json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(json);
    }
    // fetch strips a header value's leading and trailing spaces, so a padded key travels in the body only.
    if (keyIn === 'header') headers['idempotency-key'] = request.key!;
    if (request.admin) headers.authorization = `Bearer ${this.adminToken}`;

    const controller = new AbortController();
    let cause: 'timeout' | 'aborted' | undefined;
    const timers = [
      setTimeout(() => ((cause = 'timeout'), controller.abort()), options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      ...(options.abortAfterMs === undefined
        ? []
        : [setTimeout(() => ((cause = 'aborted'), controller.abort()), options.abortAfterMs)]),
    ];
    const entry: HistoryEntry = {
      seq: this.history.nextSeq(),
      client: this.id,
      scope: request.scope,
      key: request.key,
      keyIn,
      method: request.method,
      path: request.path,
      payload: request.payload,
      instance: options.instance,
      startedAt: Date.now(),
      endedAt: 0,
      outcome: 'network',
      replayed: false,
      storm: options.storm ?? false,
      retry: options.retry ?? false,
    };
    try {
      const res = await fetch(`http://127.0.0.1:${this.ports[options.instance]}${request.path}`, {
        method: request.method,
        headers,
        body,
        signal: controller.signal,
      });
      const text = await res.text();
      entry.outcome = 'response';
      entry.status = res.status;
      entry.replayed = res.headers.get('idempotent-replayed') === 'true';
      entry.body = parseJson(text);
    } catch {
      entry.outcome = cause ?? 'network';
    } finally {
      timers.forEach(clearTimeout);
      entry.endedAt = Date.now();
    }
    this.history.record(entry);
    return entry;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
