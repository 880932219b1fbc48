/**
 * The connections carrying one name: the id itself when there is one (nearly always),
 * an array from the second on (a few tabs of one person). An array of one id costs
 * about 56 bytes of heap for every joined connection; a bare id costs nothing more.
 */
export type ConnectionIds = string | readonly string[]

/** Whether `id` is among `ids`. */
export function hasConnection(ids: ConnectionIds | undefined, id: string): boolean {
  return typeof ids === 'string' ? ids === id : (ids?.includes(id) ?? false)
}

/** `ids` with `id` added (unchanged when it is there already). */
export function withConnection(ids: ConnectionIds | undefined, id: string): ConnectionIds {
  if (ids === undefined) return id
  if (hasConnection(ids, id)) return ids
  return typeof ids === 'string' ? [ids, id] : [...ids, id]
}

/** `ids` without `id`; undefined when none is left. */
export function withoutConnection(ids: ConnectionIds, id: string): ConnectionIds | undefined {
  if (typeof ids === 'string') return ids === id ? undefined : ids
  const left = ids.filter((held) => held !== id)
  if (left.length === 0) return undefined
  return left.length === 1 ? left[0] : left
}
