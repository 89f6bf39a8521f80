import type { History, HistoryEntry } from './history';
import { isPadded, isSuccess, isTransient, problemCode } from './history';
import { groupBy, InvariantCheck, type InvariantResult } from './invariant';

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
  return `#${entry.seq} c${entry.client} ${entry.method} ${entry.path}${entry.key === undefined ? '' : ` key ${JSON.stringify(entry.key)} in ${entry.keyIn}`} → i${entry.instance} ${entry.outcome} ${entry.status ?? ''}${entry.replayed ? ' (replayed)' : ''} ${canonical(entry.body).slice(0, 300)}`;
}

/**
 * What the answers alone must show: every 2xx answer to one key (original, replay, a storm twin's, a
 * padded or header/body-switched variant's) is the same answer; once a key has its 2xx, every later send
 * of the same payload gets it (never a refusal, whichever instance and clock it reaches); a padded key is
 * refused (400) or replayed; a key sent with another payload is refused with 422 revealing nothing
 * stored; and a second cancel with a fresh key gets the one cancellation of its booking.
 */
export function checkHistory(history: History): InvariantResult[] {
  const sameAnswer = new InvariantCheck('2xx answers to one key are identical (replays equal the original)');
  const keptAnswer = new InvariantCheck(
    'one answer per key everywhere: its payload is never refused as a reuse, and after its 2xx every decisive answer is 2xx',
  );
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
    expectKeptAnswer(keptAnswer, id, samePayload);
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
  return [sameAnswer, keptAnswer, reuse, checkPadded(history), checkCancellations(history), mapped];
}

/**
 * A stored answer is the key's answer for good: the same payload can never be a reuse (422), and once a
 * send was answered 2xx, every send started after that answer is 2xx too (sameAnswer compares them).
 * Padded sends are judged by their own row (checkPadded).
 */
function expectKeptAnswer(check: InvariantCheck, id: string, samePayload: HistoryEntry[]): void {
  const decisive = samePayload.filter((e) => !isTransient(e) && !isPadded(e));
  const firstSuccessAt = Math.min(...decisive.filter(isSuccess).map((e) => e.endedAt));
  const odd = decisive.find(
    (e) =>
      (e.status === 422 && problemCode(e) === 'IDEMPOTENCY.KEY_REUSED') ||
      (e.startedAt > firstSuccessAt && !isSuccess(e)),
  );
  check.expect(
    !odd,
    () => `${id}: ${describe(odd!)} (first 2xx answered at ${new Date(firstSuccessAt).toISOString()})`,
  );
}

/**
 * A key with leading or trailing spaces is the client's key, padded: the service refuses it (400) or
 * treats it as the key itself (a replay). Any other decisive answer means it ran as a key of its own.
 */
function checkPadded(history: History): InvariantResult {
  const check = new InvariantCheck('a padded key is refused (400) or replayed as its unpadded key, never run anew');
  for (const entry of history.entries.filter((e) => isPadded(e) && !isTransient(e))) {
    check.expect(
      entry.status === 400 || (isSuccess(entry) && entry.replayed),
      () => `${entry.scope} ${JSON.stringify(entry.key)}: ${describe(entry)}`,
    );
  }
  return check;
}

/**
 * A second cancel with a fresh key is a separate request, made harmless by the booking's own state:
 * every 2xx cancellation of one booking is the same cancellation (its refund's progress aside). The
 * other fresh-key guards are database rows: one booking per lock, no second charge.
 */
function checkCancellations(history: History): InvariantResult {
  const check = new InvariantCheck('every 2xx cancellation of one booking, whatever its key, is the same one');
  const answered = history.entries.filter((e) => isSuccess(e) && e.scope === 'bookings.cancel');
  for (const [path, entries] of groupBy(answered, (e) => e.path)) {
    const reference = decidedCancellation(entries[0]);
    const odd = entries.find((e) => decidedCancellation(e) !== reference);
    check.expect(!odd, () => `${path}: ${describe(entries[0])}  ≠  ${describe(odd!)}`);
  }
  return check;
}

function decidedCancellation(entry: HistoryEntry): string {
  const { id, status, cancelledAt, paidAt, refund } = entry.body as Record<string, unknown>;
  const { status: _progress, ...decided } = (refund ?? {}) as Record<string, unknown>;
  return canonical({ id, status, cancelledAt, paidAt, refund: decided });
}

function idsIn(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { id, attemptId } = body as { id?: unknown; attemptId?: unknown };
  return [id, attemptId].filter((v): v is string => typeof v === 'string');
}
