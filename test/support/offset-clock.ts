import { Clock } from '../../src/common/clock';

/**
 * The system time moved by `offsetMs`: an instance whose clock runs ahead (or behind) of the others, or
 * time moved forward without sleeping (`advance`).
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
