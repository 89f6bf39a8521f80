import { FixedClock } from '../../test/support/clock';
import { InMemoryEvents } from '../../test/support/in-memory-events';
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
    const ended = { settled: false, returnedBy: move.id, seats: owner.seats };

    await sut.completeReturn('event-1', ended, move);
    await sut.completeReturn('event-1', ended, move);
    await sut.giveSeatsBack('event-1', move);

    expect(events.available).toBe(4);
    expect(events.markers.size).toBe(0);
  });

  it('only drops the marker of a move its owner did not record, after the answer', async () => {
    const { sut, events, followUps } = setUp();
    const move = await sut.markReturn('event-1', owner);

    await sut.completeReturn('event-1', undefined, move);
    await followUps.drain();

    expect(events.available).toBe(0);
    expect(events.markers.size).toBe(0);
    // A late step 3 for the dropped move finds no marker: nothing moves.
    expect(await sut.giveSeatsBack('event-1', move)).toBe(false);
    expect(events.available).toBe(0);
  });

  it('drops its own marker and finishes the move a twin recorded, when the twin won the ending', async () => {
    const { sut, events, followUps } = setUp();
    const twins = await sut.markReturn('event-1', owner);
    const mine = await sut.markReturn('event-1', owner);

    await sut.completeReturn('event-1', { settled: false, returnedBy: twins.id, seats: owner.seats }, mine);
    await followUps.drain();

    expect(events.available).toBe(4);
    expect(events.markers.size).toBe(0);
  });

  it('gives each of two moves a fresh id, so one owner never confuses them', async () => {
    const { sut } = setUp();
    const [a, b] = [await sut.markReturn('event-1', owner), await sut.markReturn('event-1', owner)];
    expect(a.id).not.toBe(b.id);
  });

  it('finishes the RETURN an unsettled owner recorded before a crash, seats back once', async () => {
    const { sut, events } = setUp();
    const move = await sut.markReturn('event-1', owner);
    const ended = { settled: false, returnedBy: move.id, seats: owner.seats };

    await sut.completeReturn('event-1', ended);
    await sut.completeReturn('event-1', ended);

    expect(events.available).toBe(4);
    expect(events.markers.size).toBe(0);
  });

  it('has nothing to finish for a settled owner or one that recorded no RETURN', async () => {
    const { sut, events } = setUp();
    const move = await sut.markReturn('event-1', owner);

    await sut.completeReturn('event-1', { settled: true, returnedBy: move.id, seats: 4 });
    await sut.completeReturn('event-1', { settled: false, seats: 4 });
    expect(events.available).toBe(0);
    expect(events.markers.size).toBe(1);
  });
});

describe('EventsService.schedule', () => {
  const request = { name: 'Gala', totalSeats: 10, price: 5_000, startsAt: new Date('2030-02-01T20:00:00.000Z') };

  it('schedules an event with all its seats available', async () => {
    const { sut } = setUp();

    const { event, created } = await sut.schedule(request);

    expect(created).toBe(true);
    expect(event).toMatchObject({ ...request, availableSeats: 10 });
    expect(await sut.get(event.id)).toBe(event);
  });

  it('judges "in the future" by its clock, not the machine time', async () => {
    const { sut, events } = setUp();
    const pastForTheClock = new Date(now.getTime() - 60_000);

    await expect(sut.schedule({ ...request, startsAt: pastForTheClock })).rejects.toMatchObject({
      code: 'EVENT.INVALID',
    });
    expect(events.scheduled.size).toBe(0);
  });

  it('answers the event a key scheduled first, not a second one, and lets the caller compare it', async () => {
    const { sut, events } = setUp();
    const first = await sut.schedule({ ...request, idempotencyKey: 'user-1 key-1' });

    const again = await sut.schedule({ ...request, totalSeats: 20, idempotencyKey: 'user-1 key-1' });

    expect(again).toEqual({ event: first.event, created: false });
    expect(again.event.isScheduleOf({ ...request, totalSeats: 20 })).toBe(false);
    expect(events.scheduled.size).toBe(1);
  });

  it('gives each request without a key, and each key, an event of its own', async () => {
    const { sut, events } = setUp();

    await sut.schedule(request);
    await sut.schedule(request);
    await sut.schedule({ ...request, idempotencyKey: 'user-1 key-1' });
    await sut.schedule({ ...request, idempotencyKey: 'user-2 key-1' });

    expect(events.scheduled.size).toBe(4);
  });

  it('answers EVENT.NOT_FOUND for an id nothing scheduled', async () => {
    const { sut } = setUp();
    await expect(sut.get('665f1c2b9a7e4b0012345678')).rejects.toMatchObject({ code: 'EVENT.NOT_FOUND' });
  });
});
