import {
  resolveStaleMove,
  returnVerdict,
  type OwnerVerdict,
  type ReturnOwner,
  type SeatMove,
  type SeatMoveKind,
  type StaleMoveAction,
} from './seat-move';

const at = new Date('2030-01-01T12:00:00.000Z');
const move = (kind: SeatMoveKind, overrides: Partial<SeatMove> = {}): SeatMove => ({
  id: 'move-1',
  kind,
  ownerKind: kind === 'HOLD' ? 'lock' : 'booking',
  ownerId: 'owner-1',
  seats: 2,
  at,
  ...overrides,
});

describe('resolveStaleMove', () => {
  it.each<[SeatMoveKind, OwnerVerdict, StaleMoveAction]>([
    // The seats were taken at step 1 and the lock exists: the hold is real, only the marker is left.
    ['HOLD', 'COUNTS', 'REMOVE_MARKER'],
    // The seats were taken but no lock will ever own them: give them back.
    ['HOLD', 'VOID', 'GIVE_SEATS_BACK'],
    ['HOLD', 'UNDECIDED', 'WAIT'],
    // The owner ended with this move: its seats have not been given back yet.
    ['RETURN', 'COUNTS', 'GIVE_SEATS_BACK'],
    // Nothing moved at step 1 of a RETURN, so a loser only removes its marker.
    ['RETURN', 'VOID', 'REMOVE_MARKER'],
    ['RETURN', 'UNDECIDED', 'WAIT'],
  ])('settles a stale %s the owner calls %s by %s', (kind, verdict, action) => {
    expect(resolveStaleMove(move(kind), verdict)).toBe(action);
  });

  it('never gives seats back while the owner is undecided, so they cannot be resold before the owner ends', () => {
    for (const kind of ['HOLD', 'RETURN'] as SeatMoveKind[]) {
      expect(resolveStaleMove(move(kind), 'UNDECIDED')).not.toBe('GIVE_SEATS_BACK');
    }
  });

  it('gives seats back for exactly one verdict per kind, so a move never counts twice', () => {
    for (const kind of ['HOLD', 'RETURN'] as SeatMoveKind[]) {
      const giving = (['COUNTS', 'VOID', 'UNDECIDED'] as OwnerVerdict[]).filter(
        (v) => resolveStaleMove(move(kind), v) === 'GIVE_SEATS_BACK',
      );
      expect(giving).toHaveLength(1);
    }
  });

  it('depends on the kind and the verdict only, not on the owner kind or the seats', () => {
    const other = move('RETURN', { ownerKind: 'lock', seats: 50, key: 'k' });
    expect(resolveStaleMove(other, 'COUNTS')).toBe('GIVE_SEATS_BACK');
    expect(resolveStaleMove(other, 'VOID')).toBe('REMOVE_MARKER');
  });
});

describe('returnVerdict', () => {
  const sut = move('RETURN');

  it('is COUNTS when the owner recorded this move, final or not', () => {
    expect(returnVerdict(sut, { returnedBy: 'move-1', final: true })).toBe('COUNTS');
    expect(returnVerdict(sut, { returnedBy: 'move-1', final: false })).toBe('COUNTS');
  });

  it('is VOID when the owner recorded another move: one winner per owner', () => {
    expect(returnVerdict(sut, { returnedBy: 'move-2', final: true })).toBe('VOID');
    expect(returnVerdict(sut, { returnedBy: 'move-2', final: false })).toBe('VOID');
  });

  it('is VOID when the owner ended without recording any move (a state that returns nothing)', () => {
    expect(returnVerdict(sut, { final: true })).toBe('VOID');
  });

  it('is UNDECIDED while the owner has not ended and recorded nothing', () => {
    expect(returnVerdict(sut, { final: false })).toBe('UNDECIDED');
  });

  it('is VOID once the fence voided the move on an owner that has not ended', () => {
    expect(returnVerdict(sut, { final: false, voidedReturns: ['move-1'] })).toBe('VOID');
  });

  it('stays UNDECIDED when only other moves were voided', () => {
    expect(returnVerdict(sut, { final: false, voidedReturns: ['move-0', 'move-2'] })).toBe('UNDECIDED');
  });

  it('is COUNTS when the owner recorded the move, whatever else was voided: the fence never wins after it', () => {
    expect(returnVerdict(sut, { returnedBy: 'move-1', final: true, voidedReturns: ['move-0'] })).toBe('COUNTS');
  });

  it('is VOID when the owner does not exist', () => {
    expect(returnVerdict(sut, undefined)).toBe('VOID');
  });

  it.each<[ReturnOwner | undefined, StaleMoveAction]>([
    [{ returnedBy: 'move-1', final: true }, 'GIVE_SEATS_BACK'],
    [{ returnedBy: 'move-2', final: true }, 'REMOVE_MARKER'],
    [{ final: false }, 'WAIT'],
    // The fenced move: its marker goes, and no seat moves (none moved at step 1 of a RETURN).
    [{ final: false, voidedReturns: ['move-1'] }, 'REMOVE_MARKER'],
    [undefined, 'REMOVE_MARKER'],
  ])('with resolveStaleMove settles a RETURN whose owner is %p by %s', (owner, action) => {
    expect(resolveStaleMove(sut, returnVerdict(sut, owner))).toBe(action);
  });

  it('lets only one of two competing RETURN moves give the seats back', () => {
    const owner = { returnedBy: 'move-2', final: true };
    const actions = [move('RETURN', { id: 'move-1' }), move('RETURN', { id: 'move-2' })].map((m) =>
      resolveStaleMove(m, returnVerdict(m, owner)),
    );

    expect(actions.sort()).toEqual(['GIVE_SEATS_BACK', 'REMOVE_MARKER']);
  });
});
