import { StateMachine } from '../../common/state-machine';
import { auditEntriesOwed, auditTrail, transitionEntry } from './audit-trail';

type Door = 'BUILT' | 'OPEN' | 'SHUT' | 'LOCKED' | 'GONE' | 'HIDDEN';

// A small machine of its own, so these specs pin the trail rules rather than any one domain table.
const sut = new StateMachine<Door>('door', {
  BUILT: { from: [], audit: 'DOOR_BUILT', final: false },
  OPEN: { from: ['BUILT', 'SHUT'], audit: 'DOOR_OPENED', final: false },
  SHUT: { from: ['OPEN'], final: false },
  LOCKED: { from: ['SHUT'], audit: 'DOOR_LOCKED', final: true },
  GONE: { from: ['BUILT', 'OPEN', 'SHUT'], audit: 'DOOR_REMOVED', final: true },
  HIDDEN: { from: [], final: true },
});

describe('auditTrail', () => {
  it('expects only its own entry for an audited initial state', () => {
    expect(auditTrail(sut, 'BUILT')).toEqual(['BUILT']);
  });

  it('expects the audited initial state, the previous state and the current one', () => {
    expect(auditTrail(sut, 'GONE', 'OPEN')).toEqual(['BUILT', 'OPEN', 'GONE']);
  });

  it('leaves out unaudited states, previous or current', () => {
    expect(auditTrail(sut, 'LOCKED', 'SHUT')).toEqual(['BUILT', 'LOCKED']);
    expect(auditTrail(sut, 'SHUT', 'OPEN')).toEqual(['BUILT', 'OPEN']);
  });

  it('lists each state once when the previous state is the initial one', () => {
    expect(auditTrail(sut, 'OPEN', 'BUILT')).toEqual(['BUILT', 'OPEN']);
  });

  it('expects nothing for an unaudited state created as it is', () => {
    expect(auditTrail(sut, 'HIDDEN')).toEqual([]);
  });

  it('without a previous state expects the initial and the current ones', () => {
    expect(auditTrail(sut, 'GONE')).toEqual(['BUILT', 'GONE']);
  });
});

describe('auditEntriesOwed', () => {
  const machine = new StateMachine<'NEW' | 'OPEN' | 'DONE' | 'HIDDEN'>('thing', {
    NEW: { from: [], audit: 'THING_CREATED', final: false },
    OPEN: { from: ['NEW'], audit: 'THING_OPENED', final: false },
    DONE: { from: ['OPEN'], audit: 'THING_DONE', final: true },
    HIDDEN: { from: [], final: true },
  });

  it('names each owed state with the action its entry records, the caller passing them to the audit trail', () => {
    expect(auditEntriesOwed(machine, 'DONE', 'OPEN')).toEqual([
      { state: 'NEW', action: 'THING_CREATED' },
      { state: 'OPEN', action: 'THING_OPENED' },
      { state: 'DONE', action: 'THING_DONE' },
    ]);
    expect(auditEntriesOwed(machine, 'HIDDEN')).toEqual([]);
  });
});

describe('transitionEntry', () => {
  it('ids the entry by entity and state reached, and marks it an original', () => {
    const at = new Date('2030-01-01T12:00:00.000Z');
    const entry = {
      action: 'DOOR_OPENED',
      fromState: 'BUILT',
      toState: 'OPEN',
      correlationId: 'c-1',
      metadata: { by: 'x' },
    };
    expect(transitionEntry('door-1', entry, at)).toEqual({
      ...entry,
      id: 'door-1:OPEN',
      metadata: { isRetry: false, by: 'x' },
      createdAt: at,
    });
  });
});
