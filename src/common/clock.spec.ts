import { SystemClock } from './clock';

describe('SystemClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('reads the system time', () => {
    expect(new SystemClock().now().toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('adds its offset to every reading, ahead or behind', () => {
    expect(new SystemClock(1500).now().toISOString()).toBe('2026-12-01T10:00:01.500Z');
    expect(new SystemClock(-1500).now().toISOString()).toBe('2026-12-01T09:59:58.500Z');
  });
});
