import type { ChatMessage, HistoryResponse, SendMessageResponse } from '@parley/events'
import { HISTORY_MAX_PAGE } from '@parley/events/rules'
import { WsxError } from '@parley/wsx/shared'
import type { ChatClient } from './client.ts'

/** The one thing these helpers need from the wsx client, so tests can hand in a fake. */
export type Requester = Pick<ChatClient, 'request'>

const HISTORY_TIMEOUT_MS = 10_000
/** A catch-up page that times out is asked for again this many times before giving up until the next reconnection. */
const CATCH_UP_ATTEMPTS = 3

/** How a catch-up ended. `refused`: the server no longer has what we asked after (start afresh from its join answer). */
type CatchUpResult = 'done' | 'refused' | 'interrupted'

/**
 * Fetches a room's messages after `after`, page by page (`history {after, limit: 200}`),
 * until the server says there are no more. Each page goes to `onPage` as it comes;
 * `isStale` stops the loop when a newer catch-up of the same room took over.
 */
export async function catchUp(
  client: Requester,
  room: string,
  after: number,
  onPage: (messages: ChatMessage[]) => void,
  isStale: () => boolean = () => false,
): Promise<CatchUpResult> {
  let from = after
  let attempts = 0
  while (!isStale()) {
    let page: HistoryResponse
    try {
      page = await client.request(
        'history',
        { room, after: from, limit: HISTORY_MAX_PAGE },
        { timeout: HISTORY_TIMEOUT_MS },
      )
    } catch (error) {
      if (error instanceof WsxError && error.code === 'remote') return 'refused'
      attempts += 1
      if (error instanceof WsxError && error.code === 'timeout' && attempts < CATCH_UP_ATTEMPTS) continue
      return 'interrupted'
    }
    if (isStale()) break
    attempts = 0
    onPage(page.messages)
    const last = page.messages.at(-1)?.seq
    if (!page.hasMore || last === undefined || last <= from) return 'done'
    from = last
  }
  return 'interrupted'
}

/**
 * Sends one message and resolves with the server's receipt. While the connection is down
 * the client queues it; if the connection drops with it on the wire, it goes again with
 * the same `clientId` (the server stores and shows it once). Gives up at `timeoutMs`.
 */
export async function deliverMessage(
  client: Requester,
  outgoing: { room: string; clientId: string; message: string },
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<SendMessageResponse> {
  const deadline = now() + timeoutMs
  for (;;) {
    try {
      return await client.request(
        'sendMessage',
        { message: outgoing.message, room: outgoing.room, clientId: outgoing.clientId },
        { timeout: Math.max(1, deadline - now()) },
      )
    } catch (error) {
      if (error instanceof WsxError && error.code === 'closed' && deadline - now() > 0) continue
      throw error
    }
  }
}
