import type { ChatEvents } from '@parley/events'
import { UNREAD_COUNT_LIMIT } from '@parley/events/rules'
import type { Payload } from '@parley/wsx/shared'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { SessionEvent } from '../delivery/room-events.ts'
import type { Logger } from '../ops/logger.ts'
import { type ConnectionIds, withConnection, withoutConnection } from '../presence/connection-ids.ts'
import type { MessageStore } from '../storage/message-store.ts'
import type { ReadMark } from '../storage/read-marks.ts'

export interface ReadStateDependencies {
  server: ChatServer
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
export function registerReadState({ server, bus, store, log, requireMember }: ReadStateDependencies) {
  const marks = store.readMarks
  /**
   * Each session's connections here (by its token's hash), to hand its pushes to: a map entry
   * per session, not a topic per connection (a topic costs every idle connection memory).
   */
  const sessions = new Map<string, ConnectionIds>()

  function follow(conn: ChatConnection, author: string): void {
    sessions.set(author, withConnection(sessions.get(author), conn.id))
  }

  /** Hands a push to this instance's connections of a session, but `except`. */
  function deliver<K extends SessionEvent>(
    author: string,
    event: K,
    payload: Payload<ChatEvents, K>,
    except?: ChatConnection,
  ): void {
    const ids = sessions.get(author)
    if (ids === undefined) return
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      if (id !== except?.id) server.connections.get(id)?.send(event, payload as never)
    }
  }

  /** Tells a session's connections, here and on the other instances, but `except`. */
  function tellSession<K extends SessionEvent>(
    author: string,
    event: K,
    payload: Payload<ChatEvents, K>,
    except?: ChatConnection,
  ): void {
    deliver(author, event, payload, except)
    bus.publishToSession(author, event, payload)
  }

  bus.onSessionPush((author, event, payload) => deliver(author, event, payload))

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
    tellSession(author, 'readState', payload, conn)
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
    tellSession,
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
    /** The connection left its last room (or closed): its session's pushes no longer reach it. */
    left(conn: ChatConnection): void {
      const author = conn.data.author
      const ids = author === undefined ? undefined : sessions.get(author)
      if (author === undefined || ids === undefined) return
      const rest = withoutConnection(ids, conn.id)
      if (rest === undefined) sessions.delete(author)
      else sessions.set(author, rest)
    },
  }
}
