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
    expect(sut.rules.LOCKED).toEqual({ from: ['SHUT'], audit: 'DOOR_LOCKED', final: true, returnsSeats: true });
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
