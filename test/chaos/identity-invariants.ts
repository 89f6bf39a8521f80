import type { Snapshot } from './database-invariants';
import { baseKey, isTransient, type History } from './history';
import { InvariantCheck, type InvariantResult } from './invariant';
import { subjectOf } from './workload';

/** The client a workload key belongs to: keys read `<run>-c<client>-<kind>-<n>`. */
const CLIENT_IN_KEY = /-c(\d+)-[a-z-]+-\d+$/;

/**
 * Who owns what: every lock belongs to the subject of the client whose key created it (the token's `sub`
 * in the secured mode, whether the body named it or not), and another client's lock or booking answers
 * 404 to a read or a cancel, exactly as an unknown id does.
 */
export function checkIdentity(snapshot: Snapshot, history: History, secured: boolean): InvariantResult[] {
  const owners = new InvariantCheck('every lock belongs to the subject of the client whose key created it');
  for (const lock of snapshot.locks) {
    const client = CLIENT_IN_KEY.exec(baseKey(String(lock.idempotencyKey)))?.[1];
    if (client === undefined) continue;
    owners.expect(
      lock.userId === subjectOf(Number(client)),
      () => `lock ${String(lock._id)} key ${String(lock.idempotencyKey)} held by ${String(lock.userId)}`,
    );
  }
  const foreign = new InvariantCheck("another client's lock or booking answers 404 (read or cancel), never 2xx");
  for (const entry of history.entries.filter((e) => e.foreign && !isTransient(e))) {
    foreign.expect(
      entry.status === 404,
      () => `#${entry.seq} c${entry.client} ${entry.method} ${entry.path} → ${entry.status ?? entry.outcome}`,
    );
  }
  // The open mode has no identity to keep apart: its clients never probe each other.
  return secured ? [owners, foreign] : [owners];
}
