/** The idempotency scopes the workload writes through, named as the service names them. */
export type Scope =
  'events.create' | 'locks.create' | 'locks.release' | 'bookings.create' | 'bookings.cancel' | 'payments.intent';

/** Where a send carried its idempotency key. */
export type KeyPlace = 'header' | 'body';

/** How a request ended from the client's side. */
export type Outcome = 'response' | 'timeout' | 'aborted' | 'network';

/** One request and its answer, exactly as the client saw it. */
export interface HistoryEntry {
  seq: number;
  client: number;
  scope?: Scope;
  /** Exactly as sent, padding included. */
  key?: string;
  keyIn?: KeyPlace;
  method: string;
  path: string;
  payload?: Record<string, unknown>;
  instance: number;
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
  status?: number;
  body?: unknown;
  replayed: boolean;
  /** Part of a storm: the same request sent at once to several instances. */
  storm: boolean;
  /** A second send of an operation whose earlier answer was lost or transient. */
  retry: boolean;
  /** A read or cancel of another client's resource (secured mode), which must answer 404. */
  foreign?: boolean;
}

/** Everything the run sent, plus the counters the progress line shows. */
export class History {
  readonly entries: HistoryEntry[] = [];
  retries = 0;
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  record(entry: HistoryEntry): void {
    this.entries.push(entry);
    if (entry.retry) this.retries++;
  }

  /** Entries of writes that carried a key, grouped by (scope, key without its padding): a padded key is the same key. */
  byKey(): Map<string, HistoryEntry[]> {
    const groups = new Map<string, HistoryEntry[]>();
    for (const entry of this.entries) {
      if (!entry.scope || !entry.key) continue;
      const id = `${entry.scope} ${baseKey(entry.key)}`;
      const group = groups.get(id) ?? [];
      group.push(entry);
      groups.set(id, group);
    }
    return groups;
  }
}

export function isSuccess(entry: HistoryEntry): boolean {
  return entry.outcome === 'response' && entry.status !== undefined && entry.status >= 200 && entry.status < 300;
}

/** Lost, cut off, refused, 5xx, or a twin still running: the client does not know, so it sends again. */
export function isTransient(entry: HistoryEntry): boolean {
  if (entry.outcome !== 'response' || entry.status === undefined) return true;
  if (entry.status >= 500) return true;
  return entry.status === 409 && problemCode(entry) === 'IDEMPOTENCY.IN_PROGRESS';
}

export function problemCode(entry: HistoryEntry): string | undefined {
  const body = entry.body as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

/** A key without leading and trailing spaces: what the client meant, whatever padding a send added. */
export function baseKey(key: string): string {
  return key.trim();
}

export function isPadded(entry: HistoryEntry): boolean {
  return entry.key !== undefined && entry.key !== baseKey(entry.key);
}
