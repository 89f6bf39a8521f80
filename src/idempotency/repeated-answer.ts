import type { Response } from 'express';

const REPEATED = 'repeatsEarlierWork';

/**
 * Says the handler's answer repeats earlier work instead of doing it (a cancel that found the booking
 * CANCELLED, a lock create that found its key's lock), so the idempotency interceptor audits the request
 * as a retry. For answers that cannot show it themselves: such an answer is the same whether this request
 * did the work or found it done.
 */
export function answerRepeatsEarlierWork(res: Response): void {
  res.locals[REPEATED] = true;
}

export function repeatsEarlierWork(res: Response): boolean {
  return res.locals[REPEATED] === true;
}
