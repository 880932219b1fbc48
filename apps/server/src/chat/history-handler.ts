import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { MessageStore } from '../storage/message-store.ts'
import { toChatMessage, toMessageChange } from './chat-message.ts'
import { toRoomChange } from './room-settings.ts'

interface HistoryDependencies {
  server: ChatServer
  store: MessageStore
  requireMember(conn: ChatConnection, room: string, doing: string): void
}

/** `history`: pages of a joined room's log, before, after or around a seq. */
export function registerHistory({ server, store, requireMember }: HistoryDependencies): void {
  server.onRequest('history', async ({ room, before, after, around, limit }, conn) => {
    if (conn.data.joining) await conn.data.joining
    requireMember(conn, room, 'read its history')
    const lastSeq = await store.lastSeq(room)
    if (after !== undefined) {
      if (after > lastSeq) {
        throw new Error(`"${room}" has no message ${after}: its last is ${lastSeq}. Load it afresh`)
      }
      const entries = await store.after(room, after, limit)
      const messages = entries.flatMap((entry) => (entry.kind === 'message' ? [toChatMessage(entry.message)] : []))
      const changes = entries.flatMap((entry) =>
        entry.kind === 'change' ? [toMessageChange(entry.change, entry.message)] : [],
      )
      const roomChanges = entries.flatMap((entry) =>
        entry.kind === 'room' ? [toRoomChange(entry.change, entry.rules)] : [],
      )
      const last = entries.at(-1)
      const reached = last ? (last.kind === 'message' ? last.message.seq : last.change.seq) : after
      return { room, messages, changes, roomChanges, hasMore: reached < lastSeq, lastSeq }
    }
    if (around !== undefined) {
      const page = await store.around(room, around, limit)
      const messages = page.messages.map(toChatMessage)
      return { room, messages, changes: [], roomChanges: [], hasMore: page.hasOlder, hasNewer: page.hasNewer, lastSeq }
    }
    const page = await store.before(room, before, limit)
    const oldest = page[0]?.seq
    return {
      room,
      messages: page.map(toChatMessage),
      changes: [],
      roomChanges: [],
      hasMore: oldest !== undefined && oldest > 1,
      lastSeq,
    }
  })
}
