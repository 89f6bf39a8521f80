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
    private readonly rules: Record<S, StateRule<S>>,
  ) {}

  rule(state: S): StateRule<S> {
    return this.rules[state];
  }

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

  /** The audited states an entity now in `state` (coming from `previous`) must have entries for. */
  auditTrail(state: S, previous?: S): S[] {
    const initial = this.states((rule) => rule.from.length === 0 && rule.audit !== undefined);
    const trail = new Set<S>([
      ...(this.rules[state].from.length > 0 ? initial : []),
      ...(previous ? [previous] : []),
      state,
    ]);
    return [...trail].filter((s) => this.rules[s].audit !== undefined);
  }
}
