import type { ChatMessage, HistoryResponse, MessageChange, RoomChange } from '@parley/events'

/** One entry of a room's log: a message, a change to one, or a change to the room itself (topic, rules, moderation). */
export type LogEntry =
  | { kind: 'message'; seq: number; message: ChatMessage }
  | { kind: 'change'; seq: number; change: MessageChange }
  | { kind: 'room'; seq: number; change: RoomChange }

/** Asks the server for the page of the room's log after `after`. */
export type PageAfter = (after: number) => Promise<HistoryResponse>

/** A page's messages, their changes and the room's changes together, in the log's order: every seq of the page. */
export function entriesOf(page: Pick<HistoryResponse, 'messages' | 'changes' | 'roomChanges'>): LogEntry[] {
  const entries: LogEntry[] = [
    ...page.messages.map((message): LogEntry => ({ kind: 'message', seq: message.seq, message })),
    ...page.changes.map((change): LogEntry => ({ kind: 'change', seq: change.seq, change })),
    ...page.roomChanges.map((change): LogEntry => ({ kind: 'room', seq: change.seq, change })),
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

/**
 * Where the server's log and the messages this terminal holds (`mine`, by ascending seq)
 * part, if they do: `undefined` when the server still holds the newest of them at its seq;
 * otherwise the seq of the newest one it still holds (the logs agree up to some seq and
 * differ after it, so halving finds it), or the seq before the oldest when it holds none.
 */
export async function partedAt(
  mine: readonly Pick<ChatMessage, 'seq' | 'messageId'>[],
  pageAfter: PageAfter,
): Promise<number | undefined> {
  const holds = async ({ seq, messageId }: Pick<ChatMessage, 'seq' | 'messageId'>) =>
    (await pageAfter(seq - 1)).messages.find((message) => message.seq === seq)?.messageId === messageId
  const newest = mine.at(-1)
  if (!newest || (await holds(newest))) return undefined
  // mine[0, low) are the server's too; mine[high] and after are not.
  let low = 0
  let high = mine.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (await holds(mine[middle] as ChatMessage)) low = middle + 1
    else high = middle
  }
  return low > 0 ? (mine[low - 1] as ChatMessage).seq : (mine[0] as ChatMessage).seq - 1
}
