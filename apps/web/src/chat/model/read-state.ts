import type { ChatMessage } from '@parley/events'
import { foldName, mentionsUser } from './mentions.ts'

/** What is read and what is not, per room. */
export interface ReadState {
  /** Messages from others not read yet, per room. */
  unread: Record<string, number>
  /** Of those, the ones that mention us. */
  mentions: Record<string, number>
  /** The seq of the first message not read yet, per room with unread messages. */
  firstUnread: Record<string, number>
  /** The room on screen's "New messages" line goes before this seq (only the room on screen has one). */
  divider: Record<string, number>
}

export function emptyReadState(): ReadState {
  return { unread: {}, mentions: {}, firstUnread: {}, divider: {} }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record
  const { [key]: _removed, ...rest } = record
  return rest
}

function lowest(record: Record<string, number>, key: string, seq: number): Record<string, number> {
  const held = record[key]
  return held !== undefined && held <= seq ? record : { ...record, [key]: seq }
}

/**
 * Counts the messages from others among `added` as unread in `room` (and those naming
 * `@username` as mentions). `onScreen`: the room is the one on screen, so its "New
 * messages" line moves to the first of them if it has none yet.
 */
export function countUnread(
  read: ReadState,
  room: string,
  added: readonly ChatMessage[],
  username: string | null,
  onScreen: boolean,
): ReadState {
  const me = username === null ? null : foldName(username)
  const unseen = added.filter((message) => foldName(message.username) !== me)
  const first = unseen[0]
  if (first === undefined) return read
  const firstSeq = Math.min(...unseen.map((message) => message.seq))
  const mentioning = unseen.filter((message) => mentionsUser(message.message, username)).length
  return {
    unread: { ...read.unread, [room]: (read.unread[room] ?? 0) + unseen.length },
    mentions: mentioning === 0 ? read.mentions : { ...read.mentions, [room]: (read.mentions[room] ?? 0) + mentioning },
    firstUnread: lowest(read.firstUnread, room, firstSeq),
    divider: onScreen ? lowest(read.divider, room, firstSeq) : read.divider,
  }
}

/** Everything in `room` is read; with `dropDivider`, its "New messages" line goes too. */
export function markRead(read: ReadState, room: string, dropDivider: boolean): ReadState {
  return {
    unread: without(read.unread, room),
    mentions: without(read.mentions, room),
    firstUnread: without(read.firstUnread, room),
    divider: dropDivider ? without(read.divider, room) : read.divider,
  }
}

/** `room` comes on screen: its "New messages" line goes before its first unread message, and it counts as read. */
export function openRoom(read: ReadState, room: string): ReadState {
  const first = read.firstUnread[room]
  return { ...markRead(read, room, true), divider: first === undefined ? {} : { [room]: first } }
}

/** Forgets a room left. */
export function forgetRoom(read: ReadState, room: string): ReadState {
  return markRead(read, room, true)
}

/** How many messages are unread across `rooms`. */
export function totalUnread(read: Pick<ReadState, 'unread'>, rooms: readonly string[]): number {
  return rooms.reduce((sum, room) => sum + (read.unread[room] ?? 0), 0)
}
