import type {
  ChangeAnswer,
  ChatMessage,
  HistoryResponse,
  MessageChange,
  RoomChange,
  SendMessageRequest,
  SendMessageResponse,
} from '@parley/events'
import { HISTORY_MAX_PAGE } from '@parley/events/rules'
import { WsxError } from '@parley/wsx/shared'
import type { PendingChange } from '../model/pending-changes.ts'
import type { ChatClient } from './client.ts'

/** The one thing these helpers need from the wsx client, so tests can hand in a fake. */
export type Requester = Pick<ChatClient, 'request'>

const HISTORY_TIMEOUT_MS = 10_000
/** A catch-up page that times out is asked for again this many times before giving up until the next reconnection. */
const CATCH_UP_ATTEMPTS = 3

/**
 * How a catch-up ended. `refused`: the server no longer has what we asked after, or has
 * another message where we hold ours (start afresh from its join answer).
 */
type CatchUpResult = 'done' | 'refused' | 'interrupted'

/** A message we hold, which the server's log must still hold at its seq for a catch-up to go on from it. */
export type Anchor = Pick<ChatMessage, 'seq' | 'messageId'>

/**
 * Fetches a room's log after `after`, page by page (`history {after, limit: 200}`), until
 * the server says there is no more: each page's messages, changes to messages and changes
 * to the room together fill its seqs, and the next page starts after the highest of them. Each page goes to `onPage` as
 * it comes; `isStale` stops the loop when a newer catch-up of the same room took over.
 * With an `anchor` (at or before `after`), the first page starts at it, and unless it holds
 * that very message the catch-up is `refused`: the server lost its last entries and stored
 * others under their seqs.
 */
export async function catchUp(
  client: Requester,
  room: string,
  after: number,
  onPage: (messages: ChatMessage[], changes: MessageChange[], roomChanges: RoomChange[]) => void,
  isStale: () => boolean = () => false,
  anchor?: Anchor,
): Promise<CatchUpResult> {
  let check = anchor && anchor.seq <= after ? anchor : undefined
  let from = check ? check.seq - 1 : after
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
    if (check) {
      const { seq, messageId } = check
      if (page.messages.find((message) => message.seq === seq)?.messageId !== messageId) return 'refused'
      check = undefined
    }
    // A server from before room changes sends none.
    const roomChanges = page.roomChanges ?? []
    onPage(page.messages, page.changes, roomChanges)
    const last = Math.max(
      0,
      ...page.messages.map((message) => message.seq),
      ...page.changes.map((change) => change.seq),
      ...roomChanges.map((change) => change.seq),
    )
    if (!page.hasMore || last <= from) return 'done'
    from = last
  }
  return 'interrupted'
}

/**
 * Sends one request, and sends it again if the connection drops with it on the wire, until
 * `timeoutMs` is up: only for requests the server applies once however often they come
 * (they carry a `clientId`). While the connection is down the client queues it.
 */
async function requestOnce<T>(send: (timeout: number) => Promise<T>, timeoutMs: number, now: () => number): Promise<T> {
  const deadline = now() + timeoutMs
  for (;;) {
    try {
      return await send(Math.max(1, deadline - now()))
    } catch (error) {
      if (error instanceof WsxError && error.code === 'closed' && deadline - now() > 0) continue
      throw error
    }
  }
}

/**
 * Sends one message (its files by id) and resolves with the server's receipt. If the
 * connection drops with it on the wire, it goes again with the same `clientId` (the server
 * stores and shows it once). Gives up at `timeoutMs`.
 */
export function deliverMessage(
  client: Requester,
  outgoing: {
    room: string
    clientId: string
    message: string
    replyTo?: number | undefined
    files?: ReadonlyArray<{ id: string }> | undefined
  },
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<SendMessageResponse> {
  const { message, room, clientId, replyTo, files } = outgoing
  const payload: SendMessageRequest = { message, room, clientId }
  if (replyTo !== undefined) payload.replyTo = replyTo
  if (files?.length) payload.files = files.map((file) => file.id)
  return requestOnce((timeout) => client.request('sendMessage', payload, { timeout }), timeoutMs, now)
}

/**
 * Sends one of our changes to a message (edit, delete, react) and resolves with the message
 * as it now stands. Like a message, it goes again under the same `clientId` after a drop,
 * and the server applies it once.
 */
export function deliverChange(
  client: Requester,
  change: PendingChange,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<ChangeAnswer> {
  const { room, seq, clientId } = change
  return requestOnce(
    (timeout) => {
      switch (change.kind) {
        case 'edit':
          return client.request('editMessage', { room, seq, clientId, message: change.text }, { timeout })
        case 'delete':
          return client.request('deleteMessage', { room, seq, clientId }, { timeout })
        case 'react':
          return client.request('react', { room, seq, clientId, emoji: change.emoji, add: change.add }, { timeout })
      }
    },
    timeoutMs,
    now,
  )
}
