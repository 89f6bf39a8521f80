import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether a bearer token is the operators' ADMIN_TOKEN. */
export function isAdminToken(offered: string, expected: string): boolean {
  // Comparing digests keeps the comparison constant-time whatever the offered length: comparing the raw
  // strings would have to reject a wrong length early, and so tell a caller how long the token is.
  return timingSafeEqual(digest(offered), digest(expected));
}
