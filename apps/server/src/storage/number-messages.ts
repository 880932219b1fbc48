import type { AppendOutcome, NewMessage, StoredMessage } from './message-store.ts'

const sameMessage = (a: NewMessage, b: NewMessage) => a.username === b.username && a.body === b.body

/**
 * Gives one room's new messages their seqs after `lastSeq`, in order. A message whose
 * clientId is `known` (stored before, or earlier in this batch) gets no seq: it is a
 * duplicate when sender and text match, else a conflict. `known` learns the new ones.
 */
export function numberMessages(
  messages: readonly NewMessage[],
  lastSeq: number,
  known: Map<string, StoredMessage>,
  outcomes: Map<NewMessage, AppendOutcome>,
): { fresh: StoredMessage[]; lastSeq: number } {
  let seq = lastSeq
  const fresh: StoredMessage[] = []
  for (const message of messages) {
    const earlier = message.clientId ? known.get(message.clientId) : undefined
    if (earlier) {
      outcomes.set(
        message,
        sameMessage(earlier, message) ? { kind: 'duplicate', message: earlier } : { kind: 'conflict' },
      )
      continue
    }
    seq += 1
    const stored = { ...message, seq }
    fresh.push(stored)
    if (message.clientId) known.set(message.clientId, stored)
    outcomes.set(message, { kind: 'stored', message: stored })
  }
  return { fresh, lastSeq: seq }
}

/** Groups a batch by room, keeping each room's order. */
export function byRoom(batch: readonly NewMessage[]): Map<string, NewMessage[]> {
  const rooms = new Map<string, NewMessage[]>()
  for (const message of batch) {
    const messages = rooms.get(message.room)
    if (messages) messages.push(message)
    else rooms.set(message.room, [message])
  }
  return rooms
}
