import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * True when `header` is `Bearer <token>`. Compared through fixed-length digests in constant time,
 * so the answer's timing says nothing about how much of the token was right.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  return timingSafeEqual(digest(m[1]!.trim()), digest(token));
}
