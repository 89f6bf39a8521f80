import type { Request } from 'express';
import { InvalidIdempotencyKeyError } from './idempotency-errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * The one definition of a key, for the header and the body field alike: 1 to 255 printable ASCII
 * characters, neither starting nor ending with a space. HTTP strips the spaces around a header value, so a
 * padded key could only ever arrive in the body, where it would be another key than its header form:
 * refused rather than trimmed, so a key is always exactly what the client sent.
 */
// No lookaround, so the OpenAPI document can publish it for any client's validator.
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$/;
export const IDEMPOTENCY_KEY_RULE =
  'An idempotency key is 1 to 255 printable ASCII characters, without leading or trailing spaces';

/** The request's key from the body field or the header; both present must agree. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const fromHeader = headerKeyOf(req);
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body.idempotencyKey : undefined;

  if (fromBody !== undefined && typeof fromBody !== 'string') {
    throw new InvalidIdempotencyKeyError('idempotencyKey must be a string');
  }
  for (const key of [fromHeader, fromBody]) {
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key))
      throw new InvalidIdempotencyKeyError(IDEMPOTENCY_KEY_RULE);
  }
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new InvalidIdempotencyKeyError('The Idempotency-Key header and the idempotencyKey field differ');
  }
  return fromBody ?? fromHeader;
}

/**
 * Node joins repeated headers it does not know into one value ("a, b"), which would pass for one key;
 * the raw header lines tell how many the client sent.
 */
function headerKeyOf(req: Request): string | undefined {
  const name = IDEMPOTENCY_HEADER.toLowerCase();
  let lines = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === name) lines += 1;
  if (lines > 1) throw new InvalidIdempotencyKeyError('Send one Idempotency-Key header, not several');
  const header = req.headers[name];
  return Array.isArray(header) ? header[0] : header;
}
