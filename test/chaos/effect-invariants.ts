import type { Doc, Snapshot } from './database-invariants';
import { baseKey, isSuccess, type History, type HistoryEntry, type Scope } from './history';
import { groupBy, InvariantCheck, type InvariantResult } from './invariant';
import { eventKeyOf } from './workload';

const id = (doc: Doc) => String(doc._id);
const field = (entry: HistoryEntry, name: string) => String((entry.body as Record<string, unknown>)[name]);
/** Stored keys quoted, so a padded one shows its spaces. */
const keysOf = (docs: Doc[]) => docs.map((d) => JSON.stringify(d.idempotencyKey)).join(', ');

/** A provider charge key is `payment:<bookingId>:<payment key>` (payment-attempt.ts); the ledger id prefixes `charge:`. */
const CHARGE_PREFIX = 'charge:payment:';
/** A refund of an attempt's charge is keyed `attempt:<attemptId>`; the ledger id prefixes `refund:`. */
const ATTEMPT_REFUND_PREFIX = 'refund:attempt:';

/** The workload's sends of one scope, grouped by what the effect is found under (key, padding removed). */
function sends(history: History, scope: Scope, groupOf: (entry: HistoryEntry) => string): Map<string, HistoryEntry[]> {
  return groupBy(
    history.entries.filter((e) => e.scope === scope && e.key !== undefined),
    groupOf,
  );
}

/**
 * One effect per key, for every write route, from the history and the database: whatever storms,
 * retries, takeovers, header/body switches and padded variants a key went through, it made at most one
 * event, lock, payment attempt, charge and refund; a key answered 2xx made exactly one, the one its
 * answer names. Bookings, cancellations and releases are one per lock or booking by their own guards:
 * those answers must all name the same booking, cancellation or release (history-invariants.ts), and
 * the seat and money rows catch a second release or refund.
 */
export function checkEffects(snapshot: Snapshot, history: History): InvariantResult[] {
  const events = new InvariantCheck('one event per event key (padded variants included); a 2xx names it');
  const eventsByKey = groupBy(snapshot.events, (e) => eventKeyOf(e.name));
  for (const [key, entries] of sends(history, 'events.create', (e) => baseKey(e.key!))) {
    const made = eventsByKey.get(key) ?? [];
    expectOneEffect(events, `events.create ${key}`, made, entries, 'id', () =>
      made.map((e) => `${id(e)} created ${(e.createdAt as Date | undefined)?.toISOString()}`).join(', '),
    );
  }

  const locks = new InvariantCheck('one seat lock per lock key (padded variants included); a 2xx names it');
  const locksByKey = groupBy(
    snapshot.locks.filter((l) => l.status !== 'ABANDONED'),
    (l) => baseKey(String(l.idempotencyKey)),
  );
  for (const [key, entries] of sends(history, 'locks.create', (e) => baseKey(e.key!))) {
    const made = locksByKey.get(key) ?? [];
    expectOneEffect(locks, `locks.create ${key}`, made, entries, 'id', () =>
      made.map((l) => `${id(l)} ${String(l.status)} ${String(l.seats)} seats key ${keysOf([l])}`).join(', '),
    );
  }

  const payments = new InvariantCheck(
    'one payment attempt, charge and refund per payment key (padded variants included); a 2xx names its attempt',
  );
  const paymentKey = (bookingId: string, key: string) => `${bookingId} ${baseKey(key)}`;
  const attemptsByKey = groupBy(snapshot.attempts, (a) => paymentKey(String(a.bookingId), String(a.idempotencyKey)));
  const attemptById = new Map(snapshot.attempts.map((a) => [id(a), a]));
  const chargesByKey = groupBy(snapshot.ledger, (entry) => {
    const ledgerId = id(entry);
    if (entry.type !== 'CHARGE' || !ledgerId.startsWith(CHARGE_PREFIX)) return undefined;
    const bookingId = String(entry.bookingId);
    return paymentKey(bookingId, ledgerId.slice(CHARGE_PREFIX.length + bookingId.length + 1));
  });
  const refundsByKey = groupBy(snapshot.ledger, (entry) => {
    const attempt = id(entry).startsWith(ATTEMPT_REFUND_PREFIX)
      ? attemptById.get(id(entry).slice(ATTEMPT_REFUND_PREFIX.length))
      : undefined;
    return attempt && paymentKey(String(attempt.bookingId), String(attempt.idempotencyKey));
  });
  for (const [key, entries] of sends(history, 'payments.intent', (e) =>
    paymentKey(String(e.payload?.bookingId), e.key!),
  )) {
    const made = attemptsByKey.get(key) ?? [];
    const charges = chargesByKey.get(key) ?? [];
    const refunds = refundsByKey.get(key) ?? [];
    payments.expect(charges.length <= 1 && refunds.length <= 1, () =>
      [
        `payments.intent ${key}: ${charges.length} charges (${charges.map((c) => `${id(c)} ${String(c.status)}`).join(', ')})`,
        `${refunds.length} refunds (${refunds.map(id).join(', ')})`,
      ].join(', '),
    );
    expectOneEffect(payments, `payments.intent ${key}`, made, entries, 'attemptId', () =>
      made.map((a) => `${id(a)} ${String(a.status)} key ${keysOf([a])}`).join(', '),
    );
  }

  const bookings = new InvariantCheck('every 2xx booking of a lock names the one booking stored for that lock');
  const bookingByLock = groupBy(snapshot.bookings, (b) => String(b.seatLockId));
  for (const [lockId, entries] of sends(history, 'bookings.create', (e) => String(e.payload?.seatLockId))) {
    expectOneEffect(bookings, `bookings of lock ${lockId}`, bookingByLock.get(lockId) ?? [], entries, 'id', () =>
      (bookingByLock.get(lockId) ?? []).map(id).join(', '),
    );
  }

  const charged = new InvariantCheck('no booking charged twice (a second payment is refused before money moves)');
  const successfulCharges = snapshot.ledger.filter((e) => e.type === 'CHARGE' && e.status === 'SUCCEEDED');
  for (const [bookingId, charges] of groupBy(successfulCharges, (c) => String(c.bookingId))) {
    charged.expect(
      charges.length <= 1,
      () =>
        `booking ${bookingId}: ${charges.length} charges ${charges.map((c) => `${id(c)} at ${(c.createdAt as Date).toISOString()}`).join(', ')}`,
    );
  }
  return [events, locks, payments, bookings, charged];
}

/**
 * At most one document made under `label`; if any send was answered 2xx, exactly one, and every 2xx
 * answer (original, replay, storm twin, padded or switched variant) names it through `idField`.
 */
function expectOneEffect(
  check: InvariantCheck,
  label: string,
  made: Doc[],
  entries: HistoryEntry[],
  idField: string,
  describeMade: () => string,
): void {
  const answered = entries.filter(isSuccess);
  const named = new Set(answered.map((e) => field(e, idField)));
  const holds =
    made.length <= 1 && (answered.length === 0 || (made.length === 1 && named.size === 1 && named.has(id(made[0]))));
  check.expect(holds, () => {
    const answers = answered.map((e) => `#${e.seq} ${JSON.stringify(e.key)} → ${field(e, idField)}`).join(', ');
    return `${label}: ${made.length} stored [${describeMade()}]; 2xx answers [${answers}]`;
  });
}
