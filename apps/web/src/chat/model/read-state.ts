import type { ChatMessage } from '@parley/events'
import type { NotifyLevel } from '@parley/events/rules'
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
  /**
   * Per room, everything up to this seq is read: the server's word for this session (join
   * answers, `readState` pushes) or this tab's reading, whichever is further.
   */
  readSeq: Record<string, number>
  /** Per room, how far the server is known to hold this session's position (what is left to send it). */
  savedSeq: Record<string, number>
  /** Per room, how much it calls for our attention, as the server keeps it for this session. */
  notify: Record<string, NotifyLevel>
}

export function emptyReadState(): ReadState {
  return { unread: {}, mentions: {}, firstUnread: {}, divider: {}, readSeq: {}, savedSeq: {}, notify: {} }
}

/** The read state alone, out of a state that holds more. */
function readPart(read: ReadState): ReadState {
  const { unread, mentions, firstUnread, divider, readSeq, savedSeq, notify } = read
  return { unread, mentions, firstUnread, divider, readSeq, savedSeq, notify }
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

/** `record` with `key` raised to `seq`; the same object when it is there already. */
function highest(record: Record<string, number>, key: string, seq: number): Record<string, number> {
  const held = record[key]
  return held !== undefined && held >= seq ? record : { ...record, [key]: seq }
}

/** Messages from others after the room's read position. */
function unreadAmong(read: ReadState, room: string, messages: readonly ChatMessage[], username: string | null) {
  const me = username === null ? null : foldName(username)
  const after = read.readSeq[room] ?? 0
  return messages.filter((message) => message.seq > after && foldName(message.username) !== me)
}

/**
 * Counts the messages from others among `added` as unread in `room` (and those naming
 * `@username` as mentions), unless the room is read past them. `onScreen`: the room is the
 * one on screen, so its "New messages" line moves to the first of them if it has none yet.
 */
export function countUnread(
  read: ReadState,
  room: string,
  added: readonly ChatMessage[],
  username: string | null,
  onScreen: boolean,
): ReadState {
  const unseen = unreadAmong(read, room, added, username)
  if (unseen.length === 0) return readPart(read)
  const firstSeq = Math.min(...unseen.map((message) => message.seq))
  const mentioning = unseen.filter((message) => mentionsUser(message.message, username)).length
  return {
    ...readPart(read),
    unread: { ...read.unread, [room]: (read.unread[room] ?? 0) + unseen.length },
    mentions: mentioning === 0 ? read.mentions : { ...read.mentions, [room]: (read.mentions[room] ?? 0) + mentioning },
    firstUnread: lowest(read.firstUnread, room, firstSeq),
    divider: onScreen ? lowest(read.divider, room, firstSeq) : read.divider,
  }
}

/**
 * The room is read through `seq` elsewhere (the server's word: a join answer, a push from
 * another tab or device, the answer to our own mark): the counts are made again from the
 * messages held after it. A position behind the one held changes nothing but what is saved.
 */
export function readThrough(
  read: ReadState,
  room: string,
  seq: number,
  messages: readonly ChatMessage[],
  username: string | null,
): ReadState {
  const savedSeq = highest(read.savedSeq, room, seq)
  if (seq <= (read.readSeq[room] ?? 0)) return { ...readPart(read), savedSeq }
  const next = { ...readPart(read), savedSeq, readSeq: { ...read.readSeq, [room]: seq } }
  const unseen = unreadAmong(next, room, messages, username)
  const mentioning = unseen.filter((message) => mentionsUser(message.message, username)).length
  const first = unseen[0]?.seq
  return {
    ...next,
    unread: unseen.length === 0 ? without(read.unread, room) : { ...read.unread, [room]: unseen.length },
    mentions: mentioning === 0 ? without(read.mentions, room) : { ...read.mentions, [room]: mentioning },
    firstUnread: first === undefined ? without(read.firstUnread, room) : { ...read.firstUnread, [room]: first },
  }
}

/**
 * A join answer's count of `unread` messages (through its `lastSeq`) for a room whose held
 * `messages` may not reach back to its read position: the room counts that many, besides
 * those held after `lastSeq` (pushes that came before the answer), and never fewer than the
 * held messages count. Messages arriving later add to it; reading the room clears it.
 */
export function withServerUnread(
  read: ReadState,
  room: string,
  { unread, lastSeq }: { unread: number; lastSeq: number },
  messages: readonly ChatMessage[],
  username: string | null,
): ReadState {
  const later = unreadAmong(read, room, messages, username).filter((message) => message.seq > lastSeq).length
  const held = read.unread[room] ?? 0
  const count = Math.max(held, unread + later)
  if (count === held) return readPart(read)
  return { ...readPart(read), unread: { ...read.unread, [room]: count } }
}

/**
 * Everything in `room` is read, through `upTo` (the newest seq the tab holds); with
 * `dropDivider`, its "New messages" line goes too.
 */
export function markRead(read: ReadState, room: string, dropDivider: boolean, upTo = 0): ReadState {
  return {
    ...readPart(read),
    unread: without(read.unread, room),
    mentions: without(read.mentions, room),
    firstUnread: without(read.firstUnread, room),
    divider: dropDivider ? without(read.divider, room) : read.divider,
    readSeq: highest(read.readSeq, room, upTo),
  }
}

/** `room` comes on screen: its "New messages" line goes before its first unread message, and it counts as read. */
export function openRoom(read: ReadState, room: string, upTo = 0): ReadState {
  const first = read.firstUnread[room]
  return { ...markRead(read, room, true, upTo), divider: first === undefined ? {} : { [room]: first } }
}

/** Forgets a room left. */
export function forgetRoom(read: ReadState, room: string): ReadState {
  return {
    ...markRead(read, room, true),
    readSeq: without(read.readSeq, room),
    savedSeq: without(read.savedSeq, room),
    notify: without(read.notify, room),
  }
}

/** How many messages are unread across `rooms`. */
export function totalUnread(read: Pick<ReadState, 'unread'>, rooms: readonly string[]): number {
  return rooms.reduce((sum, room) => sum + (read.unread[room] ?? 0), 0)
}
