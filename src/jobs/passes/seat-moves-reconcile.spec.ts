import type { BookingsService } from '../../bookings/bookings.service';
import type { OwnerVerdict, SeatMove } from '../../events/domain/seat-move';
import type { EventsService } from '../../events/events.service';
import type { LocksService } from '../../locks/locks.service';
import { JobTally } from '../domain/job-execution';
import type { JobContext } from '../job-runner';
import { SeatMovesReconcile } from './seat-moves-reconcile';

const at = new Date('2030-01-01T12:00:00.000Z');
const move = (id: string, kind: SeatMove['kind'], ownerKind: SeatMove['ownerKind']): SeatMove => ({
  id,
  kind,
  ownerKind,
  ownerId: `owner-of-${id}`,
  seats: 2,
  at,
});

/**
 * The three services reduced to the calls the reconcile makes, recording them. A list of verdicts is what
 * the owner answers to each question in turn (before and after a fence).
 */
const fakes = (
  moves: Array<{ eventId: string; move: SeatMove }>,
  verdicts: Record<string, OwnerVerdict | OwnerVerdict[] | Error>,
) => {
  const calls: string[] = [];
  const verdictOf = async (m: SeatMove): Promise<OwnerVerdict> => {
    const verdict = verdicts[m.id];
    if (verdict instanceof Error) throw verdict;
    return Array.isArray(verdict) ? verdict.shift()! : verdict;
  };
  const voidReturn = (owner: string) => async (m: SeatMove) => {
    calls.push(`void ${owner} ${m.id}`);
  };
  const events = {
    movesBefore: async () => moves,
    giveSeatsBack: async (eventId: string, m: SeatMove) => {
      calls.push(`give ${eventId} ${m.id}`);
      return true;
    },
    removeMarkerNow: async (eventId: string, id: string) => {
      calls.push(`remove ${eventId} ${id}`);
    },
  } as unknown as EventsService;
  const locks = {
    verdictOn: async (eventId: string, m: SeatMove) => {
      calls.push(`ask lock ${eventId} ${m.id}`);
      return verdictOf(m);
    },
    voidReturn: voidReturn('lock'),
  } as unknown as LocksService;
  const bookings = {
    verdictOn: async (m: SeatMove) => {
      calls.push(`ask booking ${m.id}`);
      return verdictOf(m);
    },
    voidReturn: voidReturn('booking'),
  } as unknown as BookingsService;
  return { calls, sut: new SeatMovesReconcile(events, locks, bookings) };
};

const contextWith = (tally: JobTally): JobContext => ({
  executionId: 'exec-1',
  correlationId: 'job:exec-1',
  batchSize: 10,
  tally,
  progressed: () => undefined,
  mayAct: async () => true,
  stillHolding: async () => true,
  flush: async () => undefined,
});

describe('SeatMovesReconcile.run', () => {
  it('asks the owner of each move, by its kind, and acts on the verdict', async () => {
    const { calls, sut } = fakes(
      [
        { eventId: 'e1', move: move('h1', 'HOLD', 'lock') },
        { eventId: 'e1', move: move('r1', 'RETURN', 'booking') },
        { eventId: 'e2', move: move('r2', 'RETURN', 'lock') },
      ],
      { h1: 'VOID', r1: 'COUNTS', r2: 'VOID' },
    );
    const tally = new JobTally();

    await sut.run(at, contextWith(tally));

    expect(calls).toEqual([
      'ask lock e1 h1',
      'give e1 h1',
      'ask booking r1',
      'give e1 r1',
      'ask lock e2 r2',
      'remove e2 r2',
    ]);
    // Noted in the details, not counted: a live request may be finishing the same move.
    expect(tally.processed).toBe(0);
    expect(tally.details).toHaveLength(3);
    expect(tally.errors).toBe(0);
  });

  it('fences a RETURN its owner has not decided, asks again, and removes the marker of the voided move', async () => {
    const { calls, sut } = fakes(
      [
        { eventId: 'e1', move: move('r1', 'RETURN', 'booking') },
        { eventId: 'e2', move: move('r2', 'RETURN', 'lock') },
      ],
      { r1: ['UNDECIDED', 'VOID'], r2: ['UNDECIDED', 'VOID'] },
    );
    const tally = new JobTally();

    await sut.run(at, contextWith(tally));

    expect(calls).toEqual([
      'ask booking r1',
      'void booking r1',
      'ask booking r1',
      'remove e1 r1',
      'ask lock e2 r2',
      'void lock r2',
      'ask lock e2 r2',
      'remove e2 r2',
    ]);
    expect(tally.details).toHaveLength(2);
  });

  it('gives the seats back when the owner ended with the move before the fence could void it', async () => {
    const { calls, sut } = fakes([{ eventId: 'e1', move: move('r1', 'RETURN', 'booking') }], {
      r1: ['UNDECIDED', 'COUNTS'],
    });

    await sut.run(at, contextWith(new JobTally()));

    expect(calls).toEqual(['ask booking r1', 'void booking r1', 'ask booking r1', 'give e1 r1']);
  });

  it('waits, and notes nothing, while an owner the fence could not reach is still undecided', async () => {
    const { calls, sut } = fakes([{ eventId: 'e1', move: move('r1', 'RETURN', 'booking') }], {
      r1: ['UNDECIDED', 'UNDECIDED'],
    });
    const tally = new JobTally();

    await sut.run(at, contextWith(tally));

    expect(calls).toEqual(['ask booking r1', 'void booking r1', 'ask booking r1']);
    expect(tally.details).toEqual([]);
  });

  it('counts a move that fails as an error and goes on with the next', async () => {
    const { calls, sut } = fakes(
      [
        { eventId: 'e1', move: move('h1', 'HOLD', 'lock') },
        { eventId: 'e1', move: move('h2', 'HOLD', 'lock') },
      ],
      { h1: new Error('db hiccup'), h2: 'COUNTS' },
    );
    const tally = new JobTally();

    await sut.run(at, contextWith(tally));

    expect(calls).toEqual(['ask lock e1 h1', 'ask lock e1 h2', 'remove e1 h2']);
    expect(tally.snapshot()).toMatchObject({ processed: 0, errors: 1 });
    expect(tally.details).toContain('h1: db hiccup');
  });
});
