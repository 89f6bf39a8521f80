import type { Response } from 'express';

const REPEATED = 'repeatsEarlierWork';

/**
 * Says the handler's answer repeats earlier work instead of doing it (a cancel that found the booking
 * CANCELLED, a lock create that found its key's lock, a second confirmation of a lock, a payment that
 * resumed an earlier request's attempt), so the idempotency interceptor audits the request as a retry.
 * The one way a handler says it, whether or not its answer shows it too.
 */
export function answerRepeatsEarlierWork(res: Response): void {
  res.locals[REPEATED] = true;
}

export function repeatsEarlierWork(res: Response): boolean {
  return res.locals[REPEATED] === true;
}
