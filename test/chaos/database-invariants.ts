import mongoose from 'mongoose';
import type { History, HistoryEntry } from './history';
import { isSuccess } from './history';
import { InvariantCheck, type InvariantResult } from './invariant';

export type Doc = Record<string, unknown> & { _id: unknown };

export interface Snapshot {
  events: Doc[];
  locks: Doc[];
  bookings: Doc[];
  attempts: Doc[];
  ledger: Doc[];
  idempotency: Doc[];
  executions: Doc[];
}

const id = (doc: Doc) => String(doc._id);
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Reads every collection the invariants need, once, through a plain read-only driver connection. */
export async function readSnapshot(uri: string): Promise<Snapshot> {
  const connection = await mongoose
    .createConnection(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    const all = (name: string) => connection.db!.collection<Doc>(name).find({}).toArray();
    return {
      events: await all('events'),
      locks: await all('seat_locks'),
      bookings: await all('bookings'),
      attempts: await all('payment_attempts'),
      ledger: await all('provider_ledger'),
      idempotency: await all('idempotency_records'),
      executions: await all('job_executions'),
    };
  } finally {
    await connection.close();
  }
}

function countBy(docs: Doc[], field: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of docs) counts.set(String(doc[field]), (counts.get(String(doc[field])) ?? 0) + 1);
  return counts;
}

function sumBy(docs: Doc[], pick: (doc: Doc) => number): number {
  return docs.reduce((sum, doc) => sum + pick(doc), 0);
}

/**
 * What the database must show once the system has settled: one side effect per key, every
 * acknowledged write still there, money and seats conserved, nothing left claimed or running.
 */
export function checkDatabase(
  snapshot: Snapshot,
  history: History,
  now: Date,
  runningGraceMs: number,
): InvariantResult[] {
  const results: InvariantResult[] = [];
  const { events, locks, bookings, attempts, ledger, idempotency, executions } = snapshot;
  const lockById = new Map(locks.map((l) => [id(l), l]));
  const bookingById = new Map(bookings.map((b) => [id(b), b]));
  const attemptIds = new Set(attempts.map(id));

  const uniqueness = (name: string, counts: Map<string, number>) => {
    const check = new InvariantCheck(name);
    for (const [value, count] of counts) check.expect(count <= 1, () => `${value}: ${count} documents`);
    results.push(check);
  };
  // One lock and one attempt per key: effect-invariants.ts, which also counts padded variants as the key.
  uniqueness('at most one booking per seat lock', countBy(bookings, 'seatLockId'));

  const charges = ledger.filter((e) => e.type === 'CHARGE' && e.status === 'SUCCEEDED');
  const refunds = ledger.filter((e) => e.type === 'REFUND' && e.status === 'SUCCEEDED');
  const chargingKeys = new Map<string, Set<string>>();
  for (const entry of history.entries) {
    const force = entry.payload?.force;
    if (entry.scope !== 'payments.intent' || !entry.key || (force !== 'success' && force !== 'timeout_after_charge'))
      continue;
    const bookingId = String(entry.payload?.bookingId);
    chargingKeys.set(bookingId, (chargingKeys.get(bookingId) ?? new Set()).add(entry.key));
  }
  const chargeCheck = new InvariantCheck('charges per booking ≤ charging payment keys sent for it');
  for (const [bookingId, count] of countBy(charges, 'bookingId')) {
    const keys = chargingKeys.get(bookingId)?.size ?? 0;
    chargeCheck.expect(count <= keys, () => `booking ${bookingId}: ${count} charges for ${keys} charging keys`);
  }
  results.push(chargeCheck);

  const money = new InvariantCheck('provider money per booking = what the booking kept');
  for (const booking of bookings) {
    const charged = sumBy(
      charges.filter((c) => c.bookingId === id(booking)),
      (c) => num(c.amount),
    );
    const refunded = sumBy(
      refunds.filter((r) => r.bookingId === id(booking)),
      (r) => num(r.amount),
    );
    const cancellation = booking.cancellation as { refund?: { amount?: number } } | undefined;
    const paid = booking.payment !== undefined && booking.payment !== null;
    let kept = 0;
    if (booking.status === 'CONFIRMED') kept = num(booking.amount);
    else if (booking.status === 'CANCELLED' && paid) kept = num(booking.amount) - num(cancellation?.refund?.amount);
    money.expect(
      charged - refunded === kept,
      () =>
        `booking ${id(booking)} ${String(booking.status)}${paid ? ' paid' : ''}: charged ${charged} − refunded ${refunded} ≠ kept ${kept}`,
    );
  }
  results.push(money);

  const seats = new InvariantCheck('seats conserved per event (total = available + ACTIVE locks + live bookings)');
  for (const event of events) {
    const held = sumBy(
      locks.filter((l) => l.eventId === id(event) && l.status === 'ACTIVE'),
      (l) => num(l.seats),
    );
    const booked = sumBy(
      bookings.filter((b) => b.eventId === id(event) && (b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED')),
      (b) => num(b.seats),
    );
    const available = num(event.availableSeats);
    seats.expect(
      num(event.totalSeats) === available + held + booked && available >= 0,
      () =>
        `event ${id(event)}: total ${num(event.totalSeats)} ≠ available ${available} + locked ${held} + booked ${booked}`,
    );
  }
  results.push(seats);

  results.push(checkAcknowledged(history, lockById, bookingById, attemptIds));

  results.push(checkClaims(idempotency));

  // The cron keeps running while the checker reads, so a run that started moments ago is alive, not left.
  const running = new InvariantCheck('no job execution left RUNNING (past twice the job lease)');
  for (const execution of executions) {
    const left =
      execution.status === 'RUNNING' && now.getTime() - (execution.startedAt as Date).getTime() > runningGraceMs;
    running.expect(
      !left,
      () =>
        `${id(execution)} ${String(execution.jobType)} RUNNING since ${(execution.startedAt as Date).toISOString()}`,
    );
  }
  results.push(running);

  const settled = new InvariantCheck('every lock and booking settled (no half-finished flow left)');
  for (const doc of [...locks, ...bookings])
    settled.expect(doc.settled !== false, () => `${id(doc)} ${String(doc.status)} settled: false`);
  results.push(settled);
  return results;
}

/**
 * A claim whose lease lapsed is kept until it expires, to be taken over by the next send of its key:
 * it must still say what it was claimed for (fingerprint), by which request (correlation id) and since
 * when, so that the takeover checks the payload and is audited as a retry. That the key never ran twice
 * is the one-effect rows' business (effect-invariants.ts).
 */
function checkClaims(idempotency: Doc[]): InvariantResult {
  const check = new InvariantCheck(
    'every idempotency record, a lapsed claim too, keeps its fingerprint, correlation id and creation time',
  );
  const filled = (value: unknown) => typeof value === 'string' && value.length > 0;
  for (const record of idempotency) {
    check.expect(
      filled(record.fingerprint) && filled(record.correlationId) && record.createdAt instanceof Date,
      () =>
        `${id(record)} ${String(record.state)}: fingerprint ${String(record.fingerprint)}, correlation id ${String(record.correlationId)}, createdAt ${String(record.createdAt)}`,
    );
  }
  return check;
}

/** Every write the service acknowledged with a 2xx is still true at the end (or moved on legitimately). */
function checkAcknowledged(
  history: History,
  locks: Map<string, Doc>,
  bookings: Map<string, Doc>,
  attemptIds: Set<string>,
): InvariantResult {
  const check = new InvariantCheck('every acknowledged lock, booking, payment, release and refund exists');
  const acked = history.entries.filter((e) => isSuccess(e) && e.scope);
  const body = (e: HistoryEntry) => e.body as Record<string, unknown>;
  for (const entry of acked) {
    const b = body(entry);
    const where = () => `#${entry.seq} ${entry.method} ${entry.path} key ${entry.key}`;
    if (entry.scope === 'locks.create') {
      const lock = locks.get(String(b.id));
      check.expect(
        !!lock && lock.seats === b.seats && lock.eventId === b.eventId,
        () => `${where()}: lock ${String(b.id)} missing or different`,
      );
    } else if (entry.scope === 'locks.release') {
      const lock = locks.get(String(b.id));
      check.expect(
        b.status !== 'RELEASED' || lock?.status === 'RELEASED',
        () => `${where()}: released lock ${String(b.id)} is ${String(lock?.status)}`,
      );
    } else if (entry.scope === 'bookings.create') {
      check.expect(bookings.has(String(b.id)), () => `${where()}: booking ${String(b.id)} missing`);
    } else if (entry.scope === 'payments.intent' && b.status === 'SUCCEEDED') {
      const booking = bookings.get(String(b.bookingId));
      const kept = booking?.status === 'CONFIRMED' || (booking?.status === 'CANCELLED' && !!booking.payment);
      check.expect(
        attemptIds.has(String(b.attemptId)) && kept,
        () =>
          `${where()}: paid booking ${String(b.bookingId)} is ${String(booking?.status)}, attempt ${attemptIds.has(String(b.attemptId)) ? 'present' : 'missing'}`,
      );
    } else if (entry.scope === 'bookings.cancel') {
      const booking = bookings.get(String(b.id));
      const refund = (booking?.cancellation as { refund?: { amount?: number } } | undefined)?.refund;
      const ackedRefund = (b.refund as { amount?: number } | undefined)?.amount ?? 0;
      check.expect(
        booking?.status === 'CANCELLED' && num(refund?.amount) === ackedRefund,
        () =>
          `${where()}: cancelled booking ${String(b.id)} is ${String(booking?.status)}, refund ${num(refund?.amount)} vs acknowledged ${ackedRefund}`,
      );
    }
  }
  return check;
}
