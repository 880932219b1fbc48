import { HISTORY_PAGE_SIZE, type NotifyLevel } from '@parley/events/rules'
import { markRead, openRoom, type ReadState, readThrough, withServerUnread } from './read-state.ts'
import type { RoomTimeline } from './timeline.ts'

/** What of the chat's state reading a room touches. */
type ReadingState = ReadState & {
  timelines: Record<string, RoomTimeline>
  current: string | null
  reading: boolean
  username: string | null
}

/** The newest seq of the room this tab has seen: what reading it now reads through. */
export function newestSeen(state: Pick<ReadingState, 'timelines'>, room: string): number {
  const timeline = state.timelines[room]
  return Math.max(timeline?.syncedThrough ?? 0, timeline?.messages.at(-1)?.seq ?? 0)
}

/** What a join answer says of the room's read state and of the messages it brings. */
export interface JoinedReadState {
  readSeq?: number
  /** How many messages after `readSeq`, through `lastSeq`, the server counts as unread. */
  unread?: number
  notify?: NotifyLevel
  lastSeq: number
  messages: readonly { seq: number }[]
}

/** Whether a join answer's messages hold every message after `readSeq`: the whole room, or back to it. */
function bringsAllAfter({ messages }: JoinedReadState, readSeq: number): boolean {
  return messages.length < HISTORY_PAGE_SIZE || (messages[0]?.seq ?? 0) <= readSeq + 1
}

/**
 * A join answer's read state: the server's position (0 says nothing was ever marked: the
 * history is then not counted), its level, and the room read if it is on screen being read
 * (with the "New messages" line where the server's position was, on this tab's first answer).
 * On the first answer, while its messages do not reach back to the position, the room
 * counts what the server counted (`unread`) rather than only the messages it brought.
 */
export function withJoinedReadState<S extends ReadingState>(
  state: S,
  room: string,
  answer: JoinedReadState,
  select: boolean,
  first: boolean,
): S {
  const { readSeq, notify, unread } = answer
  let next = state
  if (notify !== undefined && next.notify[room] !== notify)
    next = { ...next, notify: { ...next.notify, [room]: notify } }
  if (readSeq !== undefined && readSeq > 0) {
    const messages = next.timelines[room]?.messages ?? []
    next = { ...next, ...readThrough(next, room, readSeq, messages, next.username) }
    const counted = first && unread !== undefined && next.readSeq[room] === readSeq
    if (counted && !bringsAllAfter(answer, readSeq)) {
      next = { ...next, ...withServerUnread(next, room, { unread, lastSeq: answer.lastSeq }, messages, next.username) }
    }
  }
  const reading = next.current === room && next.reading
  if (select || (first && reading)) return { ...next, ...openRoom(next, room, newestSeen(next, room)) }
  if (reading) return { ...next, ...markRead(next, room, false, newestSeen(next, room)) }
  return next
}
