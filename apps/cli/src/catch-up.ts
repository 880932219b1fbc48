import type { ChatMessage, HistoryResponse, MessageChange } from '@parley/events'

/** One entry of a room's log: a message, or a change to one. */
export type LogEntry =
  | { kind: 'message'; seq: number; message: ChatMessage }
  | { kind: 'change'; seq: number; change: MessageChange }

/** Asks the server for the page of the room's log after `after`. */
export type PageAfter = (after: number) => Promise<HistoryResponse>

/** A page's messages and changes together, in the log's order. */
export function entriesOf(page: Pick<HistoryResponse, 'messages' | 'changes'>): LogEntry[] {
  const entries: LogEntry[] = [
    ...page.messages.map((message): LogEntry => ({ kind: 'message', seq: message.seq, message })),
    ...page.changes.map((change): LogEntry => ({ kind: 'change', seq: change.seq, change })),
  ]
  return entries.sort((a, b) => a.seq - b.seq)
}

/**
 * Everything in the room's log after `held`, in order, paging until the server says
 * there is no more: what a terminal missed while it was away.
 */
export async function entriesAfter(held: number, pageAfter: PageAfter): Promise<LogEntry[]> {
  const missed: LogEntry[] = []
  let after = held
  for (;;) {
    const page = await pageAfter(after)
    const entries = entriesOf(page)
    missed.push(...entries)
    const last = entries.at(-1)?.seq
    if (!page.hasMore || last === undefined || last <= after) return missed
    after = last
  }
}
