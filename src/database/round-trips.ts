import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** Database commands a request issued on its own path (work deferred past its answer is not counted). */
interface RoundTripCount {
  commands: number;
}

const current = new AsyncLocalStorage<RoundTripCount>();

export const ROUND_TRIPS_HEADER = 'X-Db-Round-Trips';

/** Called for every command the driver starts (command monitoring): counts it for the request it serves. */
export function countCommand(): void {
  const count = current.getStore();
  if (count) count.commands += 1;
}

/** Runs `fn` outside any request, so what it starts (deferred follow-up work) is not charged to one. */
export function outsideRequest<T>(fn: () => T): T {
  return current.exit(fn);
}

/**
 * Round trips are this service's currency (each is a network hop on MongoDB, and the embedded engine
 * serializes them), so every answer says how many it cost: operators and the benchmark read the header,
 * the tests assert the budgets with it.
 */
export function roundTripsMiddleware(_req: Request, res: Response, next: NextFunction): void {
  const count: RoundTripCount = { commands: 0 };
  // Kept unbound on purpose: the wrapper below calls it with the response as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent) this.setHeader(ROUND_TRIPS_HEADER, String(count.commands));
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  current.run(count, next);
}
