import type { NotifyLevel } from '@parley/events/rules'
import { markRead, openRoom, type ReadState, readThrough } from './read-state.ts'
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

/**
 * A join answer's read state: the server's position (0 says nothing was ever marked: the
 * history is then not counted), its level, and the room read if it is on screen being read
 * (with the "New messages" line where the server's position was, on this tab's first answer).
 */
export function withJoinedReadState<S extends ReadingState>(
  state: S,
  room: string,
  { readSeq, notify }: { readSeq?: number; notify?: NotifyLevel },
  select: boolean,
  first: boolean,
): S {
  let next = state
  if (notify !== undefined && next.notify[room] !== notify)
    next = { ...next, notify: { ...next.notify, [room]: notify } }
  if (readSeq !== undefined && readSeq > 0) {
    next = { ...next, ...readThrough(next, room, readSeq, next.timelines[room]?.messages ?? [], next.username) }
  }
  const reading = next.current === room && next.reading
  if (select || (first && reading)) return { ...next, ...openRoom(next, room, newestSeen(next, room)) }
  if (reading) return { ...next, ...markRead(next, room, false, newestSeen(next, room)) }
  return next
}
