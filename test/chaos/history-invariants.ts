import type { History, HistoryEntry } from './history';
import { isSuccess, problemCode } from './history';
import { InvariantCheck, type InvariantResult } from './invariant';

const PROBLEM_FIELDS = new Set(['type', 'title', 'status', 'detail', 'code', 'correlationId']);

/** Canonical JSON (keys sorted), so payloads and bodies compare by content. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A payment replay differs from its original only in `isRetry`. */
function comparable(body: unknown): string {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { isRetry: _ignored, ...rest } = body as Record<string, unknown>;
    return canonical(rest);
  }
  return canonical(body);
}

function describe(entry: HistoryEntry): string {
  return `#${entry.seq} c${entry.client} ${entry.method} ${entry.path} → i${entry.instance} ${entry.outcome} ${entry.status ?? ''}${entry.replayed ? ' (replayed)' : ''} ${canonical(entry.body).slice(0, 300)}`;
}

/**
 * What the answers alone must show: every 2xx answer to one key (original, replay, a storm twin's) is
 * the same answer, and a key sent with another payload is refused with 422 revealing nothing stored.
 */
export function checkHistory(history: History): InvariantResult[] {
  const sameAnswer = new InvariantCheck('2xx answers to one key are identical (replays equal the original)');
  const reuse = new InvariantCheck('key reused with another payload → 422 that reveals nothing');
  for (const [id, entries] of history.byKey()) {
    const first = canonical(entries[0].payload ?? {});
    const samePayload = entries.filter((e) => canonical(e.payload ?? {}) === first);
    const successes = samePayload.filter(isSuccess);
    if (successes.length > 0) {
      const reference = successes.find((e) => !e.replayed) ?? successes[0];
      const replayStatuses = new Set(successes.filter((e) => e.replayed).map((e) => e.status));
      const bodiesAgree = successes.every((e) => comparable(e.body) === comparable(reference.body));
      sameAnswer.expect(bodiesAgree && replayStatuses.size <= 1, () => {
        const odd =
          successes.find((e) => comparable(e.body) !== comparable(reference.body)) ?? successes[successes.length - 1];
        return `${id}: ${describe(reference)}  ≠  ${describe(odd)}`;
      });
    }
    const storedIds = successes.flatMap((e) => idsIn(e.body));
    for (const probe of entries.filter(
      (e) => canonical(e.payload ?? {}) !== first && e.outcome === 'response' && (e.status ?? 500) < 500,
    )) {
      const body = probe.body as Record<string, unknown> | undefined;
      const text = JSON.stringify(probe.body ?? '');
      const onlyProblem = !!body && typeof body === 'object' && Object.keys(body).every((k) => PROBLEM_FIELDS.has(k));
      reuse.expect(
        probe.status === 422 &&
          problemCode(probe) === 'IDEMPOTENCY.KEY_REUSED' &&
          onlyProblem &&
          !probe.replayed &&
          storedIds.every((s) => !text.includes(s)),
        () => `${id}: ${describe(probe)}`,
      );
    }
  }
  const mapped = new InvariantCheck('no 500 answers (every failure mapped to a contract status)');
  for (const entry of history.entries.filter((e) => e.outcome === 'response')) {
    mapped.expect(entry.status !== 500, () => describe(entry));
  }
  return [sameAnswer, reuse, mapped];
}

function idsIn(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { id, attemptId } = body as { id?: unknown; attemptId?: unknown };
  return [id, attemptId].filter((v): v is string => typeof v === 'string');
}
