import { Event } from './event';

const now = new Date('2030-01-01T12:00:00.000Z');
const request = { name: 'Gala', totalSeats: 40, price: 1500, startsAt: new Date('2030-02-01T20:00:00.000Z') };

describe('Event.idForKey', () => {
  it('derives the same 24-hex id from the same key, whoever runs the request', () => {
    expect(Event.idForKey('key-1')).toMatch(/^[0-9a-f]{24}$/);
    expect(Event.idForKey('key-1')).toBe(Event.idForKey('key-1'));
  });

  it('derives different ids from different keys, case and spacing included', () => {
    const ids = new Set(['key-1', 'key-2', 'Key-1', 'key 1'].map((key) => Event.idForKey(key)));
    expect(ids.size).toBe(4);
  });
});

describe('Event.isScheduleOf', () => {
  const event = Event.schedule({ id: Event.idForKey('key-1'), ...request }, now);

  it('is the schedule of the request it was made from', () => {
    expect(event.isScheduleOf({ ...request, startsAt: new Date(request.startsAt) })).toBe(true);
  });

  it.each([
    ['another name', { name: 'Other' }],
    ['other seats', { totalSeats: 41 }],
    ['another price', { price: 1499 }],
    ['another start', { startsAt: new Date('2030-02-01T20:00:00.001Z') }],
  ])('is not the schedule of a request with %s', (_label, change) => {
    expect(event.isScheduleOf({ ...request, ...change })).toBe(false);
  });
});
