/**
 * Where time-dependent rules read "now" (leases, twin waits), so a test sets the time instead of
 * sleeping on the wall clock. Domain entities still take `now` as a parameter from their callers.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
