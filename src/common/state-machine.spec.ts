import { DomainError } from './errors/domain-error';
import { IllegalTransitionError, StateMachine, expiryHolds } from './state-machine';

type Door = 'BUILT' | 'OPEN' | 'SHUT' | 'LOCKED' | 'GONE' | 'HIDDEN';

// A small machine of its own, so these specs pin the mechanism rather than any one domain table.
const sut = new StateMachine<Door>('door', {
  BUILT: { from: [], audit: 'DOOR_BUILT', final: false, holdsSeats: true },
  OPEN: { from: ['BUILT', 'SHUT'], audit: 'DOOR_OPENED', final: false, holdsSeats: true },
  SHUT: { from: ['OPEN'], final: false },
  LOCKED: { from: ['SHUT'], audit: 'DOOR_LOCKED', final: true, returnsSeats: true },
  GONE: { from: ['BUILT', 'OPEN', 'SHUT'], audit: 'DOOR_REMOVED', final: true, returnsSeats: true },
  HIDDEN: { from: [], final: true },
});

const thrownBy = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('StateMachine.assertMove', () => {
  it.each<[Door, Door]>([
    ['BUILT', 'OPEN'],
    ['SHUT', 'OPEN'],
    ['OPEN', 'SHUT'],
    ['SHUT', 'LOCKED'],
    ['OPEN', 'GONE'],
  ])('allows %s → %s, listed in the target’s from', (from, to) => {
    expect(() => sut.assertMove(from, to)).not.toThrow();
  });

  it.each<[Door, Door]>([
    ['OPEN', 'LOCKED'],
    ['LOCKED', 'OPEN'],
    ['GONE', 'BUILT'],
    ['OPEN', 'OPEN'],
    ['BUILT', 'HIDDEN'],
  ])('refuses %s → %s', (from, to) => {
    expect(() => sut.assertMove(from, to)).toThrow(IllegalTransitionError);
  });

  it('refuses with a CONFLICT domain error naming the machine and both states', () => {
    const error = thrownBy(() => sut.assertMove('LOCKED', 'OPEN'));

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'CONFLICT',
      code: 'STATE.ILLEGAL_TRANSITION',
      message: 'A door cannot move from LOCKED to OPEN',
    });
  });
});

describe('StateMachine.sourcesOf', () => {
  it('lists the from states of the target, the guard of a conditional update', () => {
    expect(sut.sourcesOf('GONE')).toEqual(['BUILT', 'OPEN', 'SHUT']);
    expect(sut.sourcesOf('LOCKED')).toEqual(['SHUT']);
  });

  it('lists nothing for a state entities are created in', () => {
    expect(sut.sourcesOf('BUILT')).toEqual([]);
  });
});

describe('StateMachine.rule', () => {
  it('answers the row of the table', () => {
    expect(sut.rule('LOCKED')).toEqual({ from: ['SHUT'], audit: 'DOOR_LOCKED', final: true, returnsSeats: true });
  });
});

describe('StateMachine.states', () => {
  it('lists the states whose rule matches, in table order', () => {
    expect(sut.states((rule) => rule.final)).toEqual(['LOCKED', 'GONE', 'HIDDEN']);
    expect(sut.states((rule) => rule.holdsSeats === true)).toEqual(['BUILT', 'OPEN']);
    expect(sut.states((rule) => rule.returnsSeats === true)).toEqual(['LOCKED', 'GONE']);
  });

  it('lists nothing when no rule matches', () => {
    expect(sut.states(() => false)).toEqual([]);
  });
});

describe('StateMachine.auditTrail', () => {
  it('expects only its own entry for an audited initial state', () => {
    expect(sut.auditTrail('BUILT')).toEqual(['BUILT']);
  });

  it('expects the audited initial state, the previous state and the current one', () => {
    expect(sut.auditTrail('GONE', 'OPEN')).toEqual(['BUILT', 'OPEN', 'GONE']);
  });

  it('leaves out unaudited states, previous or current', () => {
    expect(sut.auditTrail('LOCKED', 'SHUT')).toEqual(['BUILT', 'LOCKED']);
    expect(sut.auditTrail('SHUT', 'OPEN')).toEqual(['BUILT', 'OPEN']);
  });

  it('lists each state once when the previous state is the initial one', () => {
    expect(sut.auditTrail('OPEN', 'BUILT')).toEqual(['BUILT', 'OPEN']);
  });

  it('expects nothing for an unaudited state created as it is', () => {
    expect(sut.auditTrail('HIDDEN')).toEqual([]);
  });

  it('without a previous state expects the initial and the current ones', () => {
    expect(sut.auditTrail('GONE')).toEqual(['BUILT', 'GONE']);
  });
});

describe('expiryHolds', () => {
  const expiresAt = new Date('2030-01-01T12:00:00.000Z');
  const at = (ms: number) => new Date(expiresAt.getTime() + ms);

  it('has passed from expiresAt on, and not before: the boundary belongs to "passed"', () => {
    expect(expiryHolds(expiresAt, { passedAt: at(0) })).toBe(true);
    expect(expiryHolds(expiresAt, { passedAt: at(-1) })).toBe(false);
    expect(expiryHolds(expiresAt, { notPassedAt: at(-1) })).toBe(true);
    expect(expiryHolds(expiresAt, { notPassedAt: at(0) })).toBe(false);
  });
});

describe('StateMachine.auditEntriesOwed', () => {
  const machine = new StateMachine<'NEW' | 'OPEN' | 'DONE' | 'HIDDEN'>('thing', {
    NEW: { from: [], audit: 'THING_CREATED', final: false },
    OPEN: { from: ['NEW'], audit: 'THING_OPENED', final: false },
    DONE: { from: ['OPEN'], audit: 'THING_DONE', final: true },
    HIDDEN: { from: [], final: true },
  });

  it('names each owed state with the action its entry records, the caller passing them to the audit trail', () => {
    expect(machine.auditEntriesOwed('DONE', 'OPEN')).toEqual([
      { state: 'NEW', action: 'THING_CREATED' },
      { state: 'OPEN', action: 'THING_OPENED' },
      { state: 'DONE', action: 'THING_DONE' },
    ]);
    expect(machine.auditEntriesOwed('HIDDEN')).toEqual([]);
  });
});
