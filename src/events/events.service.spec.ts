import { FixedClock, InMemoryEvents } from '../../test/support/in-memory-events';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import { EventsService } from './events.service';

const now = new Date('2030-01-01T12:00:00.000Z');
const owner = { ownerKind: 'booking' as const, ownerId: 'booking-1', seats: 4 };

function setUp() {
  const followUps = new FollowUpQueue();
  const events = new InMemoryEvents();
  return { events, followUps, sut: new EventsService(events, followUps, new FixedClock(now)) };
}

describe('EventsService: the RETURN commands', () => {
  it('marks a fresh RETURN move at the clock time and moves no seat', async () => {
    const { sut, events } = setUp();

    const move = await sut.markReturn('event-1', owner);

    expect(move).toEqual({ id: expect.any(String), kind: 'RETURN', ...owner, at: now });
    expect(events.markers.get(move.id)).toEqual(move);
    expect(events.available).toBe(0);
  });

  it('gives a recorded move its seats back once, however often it is completed', async () => {
    const { sut, events } = setUp();
    const move = await sut.markReturn('event-1', owner);

    await sut.completeReturn('event-1', move, true);
    await sut.completeReturn('event-1', move, true);
    await sut.giveSeatsBack('event-1', move);

    expect(events.available).toBe(4);
    expect(events.markers.size).toBe(0);
  });

  it('only drops the marker of a move its owner did not record, after the answer', async () => {
    const { sut, events, followUps } = setUp();
    const move = await sut.markReturn('event-1', owner);

    await sut.completeReturn('event-1', move, false);
    await followUps.drain();

    expect(events.available).toBe(0);
    expect(events.markers.size).toBe(0);
    // A late step 3 for the dropped move finds no marker: nothing moves.
    expect(await sut.giveSeatsBack('event-1', move)).toBe(false);
    expect(events.available).toBe(0);
  });

  it('gives each of two moves a fresh id, so one owner never confuses them', async () => {
    const { sut } = setUp();
    const [a, b] = [await sut.markReturn('event-1', owner), await sut.markReturn('event-1', owner)];
    expect(a.id).not.toBe(b.id);
  });

  it('finishes the RETURN an unsettled owner recorded before a crash, seats back once, and says its follow-ups are owed', async () => {
    const { sut, events } = setUp();
    const move = await sut.markReturn('event-1', owner);
    const ended = { settled: false, returnedBy: move.id, seats: owner.seats };

    expect(await sut.finishReturn('event-1', ended)).toBe(true);
    expect(await sut.finishReturn('event-1', ended)).toBe(true);

    expect(events.available).toBe(4);
    expect(events.markers.size).toBe(0);
  });

  it('has nothing to finish for a settled owner or one that recorded no RETURN', async () => {
    const { sut, events } = setUp();
    const move = await sut.markReturn('event-1', owner);

    expect(await sut.finishReturn('event-1', { settled: true, returnedBy: move.id, seats: 4 })).toBe(false);
    expect(await sut.finishReturn('event-1', { settled: false, seats: 4 })).toBe(false);
    expect(events.available).toBe(0);
  });
});
