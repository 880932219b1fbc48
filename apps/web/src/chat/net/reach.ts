import type { ChatMessage } from '@parley/events'
import { HISTORY_MAX_PAGE, HISTORY_PAGE_SIZE } from '@parley/events/rules'
import type { Requester } from './sync.ts'

const PAGE_TIMEOUT_MS = 10_000
/** The most pages fetched to reach a message (about 4,000 messages back); further than that, scroll. */
const MOST_PAGES = 20

/** Why a message to jump to could not be reached, in words. */
export class UnreachableMessage extends Error {}

/**
 * The messages from `target` (with some before it) up to the one before `oldestHeld`, so
 * that a timeline holding `oldestHeld` onwards can show `target` without a hole: the page
 * `around` the target, then pages `before` the oldest held back to that page. Rejects with
 * an `UnreachableMessage` when the room has no such message or it lies too far back.
 */
export async function reachBackTo(
  client: Requester,
  room: string,
  target: number,
  oldestHeld: number,
): Promise<ChatMessage[]> {
  const around = await client.request(
    'history',
    { room, around: target, limit: HISTORY_PAGE_SIZE },
    { timeout: PAGE_TIMEOUT_MS },
  )
  if (!around.messages.some((message) => message.seq === target)) {
    throw new UnreachableMessage(`#${room} has no message ${target} any more.`)
  }
  const reached = Math.max(...around.messages.map((message) => message.seq))
  const pages = [around.messages]
  let before = oldestHeld
  for (let page = 0; before > reached + 1; page++) {
    if (page === MOST_PAGES) {
      throw new UnreachableMessage('That message is too far back to jump to: scroll up to reach it.')
    }
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
  return pages.flat()
}
