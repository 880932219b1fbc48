import type { ChatMessage } from '@parley/events'
import { HISTORY_MAX_PAGE, HISTORY_PAGE_SIZE } from '@parley/events/rules'
import type { Requester } from './sync.ts'

const PAGE_TIMEOUT_MS = 10_000
/**
 * The most pages fetched to reach a message in one unbroken run (about 400 seqs back);
 * further back, one request for a window is quicker than loading everything between.
 */
const MOST_PAGES = 2

/** Why a message to jump to could not be reached, in words. */
export class UnreachableMessage extends Error {}

/**
 * What was fetched to show a message: `run`, the messages from it up to the oldest held (the
 * timeline stays one unbroken run), or `window`, only the page around it (it lies too far
 * back, or in the gap: the timeline holds it apart, with a gap before the newer messages).
 */
export type Reached = { kind: 'run' | 'window'; messages: ChatMessage[] }

/**
 * Fetches the page `around` `target`; then, when `oldestHeld` is near enough (within
 * `MOST_PAGES` full pages of seqs), pages `before` the oldest held back to that page, so
 * that a timeline holding `oldestHeld` onwards can show `target` without a hole. With
 * `oldestHeld` `null`, or further, the page around it is a window. Rejects with an
 * `UnreachableMessage` when the room has no such message.
 */
export async function reachBackTo(
  client: Requester,
  room: string,
  target: number,
  oldestHeld: number | null,
): Promise<Reached> {
  const around = await client.request(
    'history',
    { room, around: target, limit: HISTORY_PAGE_SIZE },
    { timeout: PAGE_TIMEOUT_MS },
  )
  if (!around.messages.some((message) => message.seq === target)) {
    throw new UnreachableMessage(`#${room} has no message ${target} any more.`)
  }
  const reached = Math.max(...around.messages.map((message) => message.seq))
  // Seqs count changes too, so this many seqs hold at most this many messages: the pages surely cover them.
  if (oldestHeld === null || oldestHeld - reached - 1 > MOST_PAGES * HISTORY_MAX_PAGE) {
    return { kind: 'window', messages: around.messages }
  }
  const pages = [around.messages]
  let before = oldestHeld
  for (let page = 0; before > reached + 1 && page < MOST_PAGES; page++) {
    const older = await client.request(
      'history',
      { room, before, limit: HISTORY_MAX_PAGE },
      { timeout: PAGE_TIMEOUT_MS },
    )
    pages.push(older.messages)
    const first = older.messages[0]?.seq
    if (first === undefined || first <= reached + 1 || !older.hasMore) break
    before = first
  }
  return { kind: 'run', messages: pages.flat() }
}
