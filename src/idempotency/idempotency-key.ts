import type { Request } from 'express';
import { InvalidIdempotencyKeyError } from './idempotency-errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** The request's key from the body field or the header; both present must agree. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body.idempotencyKey : undefined;

  if (fromBody !== undefined && typeof fromBody !== 'string') {
    throw new InvalidIdempotencyKeyError('idempotencyKey must be a string');
  }
  for (const key of [fromHeader, fromBody]) {
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new InvalidIdempotencyKeyError('An idempotency key is 1 to 255 printable ASCII characters');
    }
  }
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new InvalidIdempotencyKeyError('The Idempotency-Key header and the idempotencyKey field differ');
  }
  return fromBody ?? fromHeader;
}
