import type { StateMachine } from '../../common/state-machine';
import type { AuditEntry, NewAuditEntry } from './audit-entry';

/**
 * The audited states an entity now in `state` (coming from `previous`) must have entries for, by its state
 * table: the audited state it was created in, the one it came from, and its own — an entity can move on
 * before the follow-up of its previous state was written (a crash in between), and the next follow-up then
 * pays that debt too. States nobody outside sees (no `audit` action) have none.
 */
export function auditTrail<S extends string>(machine: StateMachine<S>, state: S, previous?: S): S[] {
  const { rules } = machine;
  const initial = machine.states((rule) => rule.from.length === 0 && rule.audit !== undefined);
  const trail = new Set<S>([...(rules[state].from.length > 0 ? initial : []), ...(previous ? [previous] : []), state]);
  return [...trail].filter((s) => rules[s].audit !== undefined);
}

/** The audit entries, as states and their actions, an entity now in `state` (coming from `previous`) owes. */
export function auditEntriesOwed<S extends string>(
  machine: StateMachine<S>,
  state: S,
  previous?: S,
): { state: S; action: string }[] {
  return auditTrail(machine, state, previous).map((s) => ({ state: s, action: machine.rules[s].audit! }));
}

/** A transition's audit entry id: derived from the entity and the state reached, so a second writer of it changes nothing. */
export function transitionEntryId(entityId: string, toState: string): string {
  return `${entityId}:${toState}`;
}

/** A transition's stored entry, an original (retries are recorded as such by the idempotency layer). */
export function transitionEntry(entityId: string, entry: NewAuditEntry, at: Date): AuditEntry {
  return {
    ...entry,
    id: transitionEntryId(entityId, entry.toState),
    metadata: original(entry.metadata),
    createdAt: at,
  };
}

export function original(metadata: Record<string, unknown>): Record<string, unknown> {
  return { isRetry: false, ...metadata };
}
