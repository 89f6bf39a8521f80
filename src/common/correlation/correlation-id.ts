import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** A caller's id is adopted only when it is a plain token, so it is safe in logs and headers. */
const SANE_TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

type CorrelatedRequest = Request & { correlationId?: string };

/**
 * Runs before the body parser, so even a request with malformed JSON gets an id that its error
 * response, its log lines and its audit entries share.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  correlationIdOf(req, res);
  next();
}

export function correlationIdOf(req: Request, res?: Response): string {
  const request = req as CorrelatedRequest;
  if (!request.correlationId) {
    const offered = req.headers[CORRELATION_HEADER.toLowerCase()];
    request.correlationId = typeof offered === 'string' && SANE_TOKEN.test(offered) ? offered : randomUUID();
    res?.setHeader(CORRELATION_HEADER, request.correlationId);
  }
  return request.correlationId;
}
