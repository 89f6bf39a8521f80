import { createHash, randomBytes } from 'node:crypto';

/**
 * A new 24-hex id in the ObjectId layout (seconds first, then random bytes), so ids sort roughly by
 * creation time and map onto MongoDB ObjectIds without the domain depending on a driver.
 *
 * The time prefix decides nothing: ids are compared only for equality, and in sorts only to break a tie
 * between equal timestamps that were read from the Clock. So the wall clock may stamp them (callers that
 * hold a Clock reading pass it, to keep one instant per operation), and a skewed clock only reorders ties.
 */
export function newId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/**
 * A 24-hex id derived from a name (the first 12 bytes of its SHA-256): what one name stands for gets one
 * id, whoever computes it and however often, so a second insert under it finds the first.
 */
export function idFromName(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 24);
}
