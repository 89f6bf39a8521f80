import { randomBytes } from 'node:crypto';

/**
 * A new 24-hex id in the ObjectId layout (seconds first, then random bytes), so ids sort roughly by
 * creation time and map onto MongoDB ObjectIds without the domain depending on a driver.
 */
export function newId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}
