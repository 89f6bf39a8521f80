import { Clock } from '../../src/common/clock';
import type { TestApp } from './test-app';

/** A clock a unit spec sets by hand: `now()` answers `at` until the spec moves it. */
export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}

/**
 * The wall clock moved by `offsetMs`: an app whose clock runs ahead of (or behind) the others', or time
 * moved forward without sleeping (`advance`).
 */
export class OffsetClock extends Clock {
  constructor(private offsetMs = 0) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * Moves a running app's clock `ms` further ahead of the wall clock (cumulative), so a spec reaches a lease's,
 * a window's or the reconcile pass's time without sleeping: the app's Clock answers as an OffsetClock would.
 * Undone by `jest.restoreAllMocks()`.
 */
export function advanceClock(t: TestApp, ms: number): void {
  const clock = t.app.get(Clock);
  const moved = new OffsetClock(clock.now().getTime() - Date.now() + ms);
  jest.spyOn(clock, 'now').mockImplementation(() => moved.now());
}
