import { DomainError } from './errors/domain-error';

/** One row of a state machine's table: everything the code needs to know about entering a state. */
export interface StateRule<S extends string> {
  /** The states this one may be entered from; none for a state an entity is created in. */
  readonly from: readonly S[];
  /** The audit action recorded on entering it; none for a state nobody outside ever sees. */
  readonly audit?: string;
  /** No transition leaves it. */
  readonly final: boolean;
  /** An entity in this state holds seats on its event. */
  readonly holdsSeats?: boolean;
  /** Entering it gives the entity's seats back to the event. */
  readonly returnsSeats?: boolean;
}

/**
 * A time condition on a document's `expiresAt` at one instant. The entity states it once; its predicates
 * evaluate it (`expiryHolds`) and the guarded write puts the same condition in its filter, so a decision
 * made on a stale read cannot land after the time has turned.
 */
export type ExpiryGuard = { passedAt: Date } | { notPassedAt: Date };

export function expiryHolds(expiresAt: Date, guard: ExpiryGuard): boolean {
  return 'passedAt' in guard
    ? expiresAt.getTime() <= guard.passedAt.getTime()
    : expiresAt.getTime() > guard.notPassedAt.getTime();
}

/**
 * A move an entity decided: from the state it was read in to `to`, with the changes to store and the
 * expiry guard it depends on. The repository persists it with one guarded update (database/guarded-writes.ts).
 */
export interface Transition<S extends string, C = Record<string, unknown>> {
  readonly from: S;
  readonly to: S;
  readonly changes: C;
  readonly expiry?: ExpiryGuard;
}

export class IllegalTransitionError extends DomainError {
  constructor(machine: string, from: string, to: string) {
    super('CONFLICT', 'STATE.ILLEGAL_TRANSITION', `A ${machine} cannot move from ${from} to ${to}`);
  }
}

/**
 * A state machine as one table. The guarded update takes its filter from it, the audit entry its action,
 * the consistency check its rules and the inventory its seat rules, so a new state is one edit here.
 */
export class StateMachine<S extends string> {
  constructor(
    readonly name: string,
    /** The table itself: a state's row is `rules[state]`. */
    readonly rules: Readonly<Record<S, StateRule<S>>>,
  ) {}

  assertMove(from: S, to: S): void {
    if (!this.rules[to].from.includes(from)) throw new IllegalTransitionError(this.name, from, to);
  }

  /** The states a document may leave for `to`: the guard of the conditional update. */
  sourcesOf(to: S): readonly S[] {
    return this.rules[to].from;
  }

  states(predicate: (rule: StateRule<S>) => boolean): S[] {
    return (Object.keys(this.rules) as S[]).filter((state) => predicate(this.rules[state]));
  }
}
