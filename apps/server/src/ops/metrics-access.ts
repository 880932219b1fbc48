import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Whether a request may read `/api/metrics`: always without a token; with one, only with
 * `Authorization: Bearer <token>`. Both sides are hashed first, so the comparison takes
 * the same time whatever the length or the first wrong character.
 */
export function mayReadMetrics(authorization: string | null, token: string | undefined): boolean {
  if (token === undefined) return true
  const [scheme, given] = (authorization ?? '').split(' ', 2)
  if (scheme?.toLowerCase() !== 'bearer' || given === undefined) return false
  return timingSafeEqual(digest(given), digest(token))
}
