/**
 * Where time-dependent rules read "now" (leases, twin waits), so a test sets the time instead of
 * sleeping on the wall clock. Domain entities still take `now` as a parameter from their callers.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  /** `offsetMs` (CLOCK_OFFSET_MS) runs this instance ahead of or behind the others: the chaos harness's clock-skew fault. */
  constructor(private readonly offsetMs = 0) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
