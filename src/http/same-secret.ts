import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret sent by the client equals the expected one, in time that does not depend on where they first
 * differ (both are hashed to 32 bytes first, so their lengths do not show either).
 */
export function sameSecret(sent: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || expected === undefined) return false;
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
