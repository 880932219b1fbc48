import type { ChatEvents } from '@parley/events'
import { ROOM_MAX_LENGTH, UNREAD_COUNT_LIMIT } from '@parley/events/rules'
import type { Payload } from '@parley/wsx/shared'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { RoomTopics } from '../delivery/room-topics.ts'
import type { Logger } from '../ops/logger.ts'
import type { MessageStore } from '../storage/message-store.ts'
import type { ReadMark } from '../storage/read-marks.ts'

/**
 * The room a session's connections follow to hear each other's read state, on this instance
 * and the others: its name (a 43-character hash after the prefix) is longer than any room's,
 * so no room shares its topic or channel, and it never reaches a client.
 */
export function sessionRoom(author: string): string {
  const name = `session:${author}`
  if (name.length <= ROOM_MAX_LENGTH) throw new Error('A session room needs a full session hash')
  return name
}

export interface ReadStateDependencies {
  server: ChatServer
  topics: RoomTopics
  bus: RoomBus
  store: MessageStore
  log: Logger
  requireMember(conn: ChatConnection, room: string, doing: string): void
}

/**
 * Read positions and notification levels kept per session (its token) and room: `markRead`
 * and `notifyLevel`, and the `readState` push to the session's other connections. A
 * connection follows its session from its first join until it leaves its last room.
 */
export function registerReadState({ server, topics, bus, store, log, requireMember }: ReadStateDependencies) {
  const marks = store.readMarks
  /** The session each following connection follows, and how many follow each session here. */
  const following = new Map<ChatConnection, string>()
  const followers = new Map<string, number>()

  function follow(conn: ChatConnection, author: string): void {
    if (following.has(conn)) return
    following.set(conn, author)
    const room = sessionRoom(author)
    topics.subscribe(conn, room)
    const count = followers.get(author) ?? 0
    followers.set(author, count + 1)
    if (count === 0) bus.watch(room)
  }

  /** The session's mark, refused in words when storage fails. */
  async function stored(room: string, run: () => Promise<ReadMark>): Promise<ReadMark> {
    try {
      return await run()
    } catch (error) {
      log.error('read-mark-failed', { room, error: error instanceof Error ? error.message : String(error) })
      throw new Error('Your read position cannot be stored right now: it will be sent again')
    }
  }

  function sessionOf(conn: ChatConnection, room: string, doing: string): string {
    requireMember(conn, room, doing)
    const author = conn.data.author
    if (author === undefined) throw new Error(`Join "${room}" to ${doing}`)
    return author
  }

  function tellOthers(conn: ChatConnection, author: string, room: string, mark: ReadMark): void {
    const payload: Payload<ChatEvents, 'readState'> = { room, seq: mark.seq, notify: mark.notify }
    bus.publish(sessionRoom(author), 'readState', payload, conn)
  }

  server.onRequest('markRead', async ({ room, seq }, conn) => {
    const author = sessionOf(conn, room, 'mark it read')
    const last = await store.lastSeq(room)
    if (seq > last) throw new Error(`"${room}" has nothing at ${seq} to read: its log ends at ${last}`)
    const before = await stored(room, () => marks.get(author, room))
    if (seq <= before.seq) return { room, seq: before.seq }
    const after = await stored(room, () => marks.markRead(author, room, seq))
    if (after.seq !== before.seq) tellOthers(conn, author, room, after)
    return { room, seq: after.seq }
  })

  server.onRequest('notifyLevel', async ({ room, level }, conn) => {
    const author = sessionOf(conn, room, 'choose its notifications')
    const before = await stored(room, () => marks.get(author, room))
    if (before.notify === level) return { room, level }
    const after = await stored(room, () => marks.setNotify(author, room, level))
    tellOthers(conn, author, room, after)
    return { room, level: after.notify }
  })

  return {
    /**
     * A connection holding its session's name joined `room`, whose log its answer covers
     * through `lastSeq`: it follows the session; resolves to its mark there, and how many
     * messages after the mark, through `lastSeq`, are unread (up to `UNREAD_COUNT_LIMIT`).
     */
    async joined(conn: ChatConnection, room: string, lastSeq: number): Promise<ReadMark & { unread: number }> {
      const author = conn.data.author
      if (author === undefined) throw new Error(`Join "${room}" again: this connection holds no name`)
      follow(conn, author)
      const mark = await marks.get(author, room)
      const range = { after: mark.seq, through: lastSeq, author, limit: UNREAD_COUNT_LIMIT }
      const unread = mark.seq >= lastSeq ? 0 : await store.unreadCount(room, range)
      return { ...mark, unread }
    },
    /** The connection left its last room (or closed): it stops following its session. */
    left(conn: ChatConnection): void {
      const author = following.get(conn)
      if (author === undefined) return
      following.delete(conn)
      const room = sessionRoom(author)
      topics.unsubscribe(conn, room)
      const count = (followers.get(author) ?? 1) - 1
      if (count > 0) return void followers.set(author, count)
      followers.delete(author)
      bus.unwatch(room)
    },
  }
}
