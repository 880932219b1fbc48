/** How long someone counts as typing after their last signal. */
export const TYPING_TTL_MS = 5_000
/** The least time between two of our own typing signals to a room. */
const TYPING_SEND_INTERVAL_MS = 2_000

/** Who is typing in each room: username → when their last signal came (ms since the epoch). */
export type TypingByRoom = Record<string, Record<string, number>>

export function withTyper(typing: TypingByRoom, room: string, username: string, at: number): TypingByRoom {
  return { ...typing, [room]: { ...typing[room], [username]: at } }
}

export function withoutTyper(typing: TypingByRoom, room: string, username: string): TypingByRoom {
  const typers = typing[room]
  if (!typers || !(username in typers)) return typing
  const { [username]: _gone, ...rest } = typers
  return { ...typing, [room]: rest }
}

/** Forgets every signal older than the time to live. */
export function expireTypers(typing: TypingByRoom, now: number): TypingByRoom {
  let changed = false
  const next: TypingByRoom = {}
  for (const [room, typers] of Object.entries(typing)) {
    const kept = Object.fromEntries(Object.entries(typers).filter(([, at]) => now - at < TYPING_TTL_MS))
    if (Object.keys(kept).length !== Object.keys(typers).length) changed = true
    if (Object.keys(kept).length > 0) next[room] = kept
    else if (Object.keys(typers).length > 0) changed = true
  }
  return changed ? next : typing
}

/** When the next signal runs out, or `null` when nobody is typing anywhere. */
export function nextTypingExpiry(typing: TypingByRoom): number | null {
  let earliest: number | null = null
  for (const typers of Object.values(typing)) {
    for (const at of Object.values(typers)) {
      const expiry = at + TYPING_TTL_MS
      if (earliest === null || expiry < earliest) earliest = expiry
    }
  }
  return earliest
}

/** "alice is typing…", "alice and bob are typing…", "alice, bob and carol are typing…", "5 people are typing…". */
export function describeTypers(names: readonly string[]): string | null {
  const [first, second, third] = names
  if (first === undefined) return null
  if (second === undefined) return `${first} is typing…`
  if (third === undefined) return `${first} and ${second} are typing…`
  if (names.length === 3) return `${first}, ${second} and ${third} are typing…`
  return `${names.length} people are typing…`
}

/** Allows one signal per room per interval: `true` when one may go now (and counts it as sent). */
export function createTypingThrottle(interval = TYPING_SEND_INTERVAL_MS) {
  const lastSent = new Map<string, number>()
  return (room: string, now: number): boolean => {
    const last = lastSent.get(room)
    if (last !== undefined && now - last < interval && now >= last) return false
    lastSent.set(room, now)
    return true
  }
}
