import type { ChangeAnswer } from '@parley/events'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { MessageFiles } from '../files/message-files.ts'
import type { Limits } from '../limits.ts'
import type { ChangeOutcome, MessageStore, NewChange } from '../storage/message-store.ts'
import { toChatMessage, toMessageChange } from './chat-message.ts'

type ChangeRequest =
  | { kind: 'edit'; body: string }
  | { kind: 'delete'; anyMessage: boolean }
  | { kind: 'react'; emoji: string; add: boolean }

interface ChangeDependencies {
  server: ChatServer
  bus: RoomBus
  store: MessageStore
  limits: Limits
  checkRate(conn: ChatConnection): void
  requireMember(conn: ChatConnection, room: string, doing: string): void
  /** Runs a write to the log, refusing it once the server drains. */
  write<T>(run: () => Promise<T>): Promise<T>
  /** Runs a storage call, turning a failure into words. */
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
  /** Where a deleted message's files go. */
  files: MessageFiles
  /** Whether a connection may delete any message in the room, not only its own (owners, moderators, the operator). */
  mayDeleteAny(conn: ChatConnection, room: string): Promise<boolean>
  /** Refuses a reaction from someone muted in the room. */
  checkReact(conn: ChatConnection, room: string, now: number): void
}

/**
 * Edits, deletions and reactions: each checked against the message as stored (its
 * author's session, the edit window), recorded at its own seq in the room's log, and
 * pushed to the room as `messageChanged` with the message as it now stands. A deleted
 * message's files are removed once the deletion is stored.
 */
export function registerMessageChanges({
  server,
  bus,
  store,
  limits,
  checkRate,
  requireMember,
  write,
  stored,
  files,
  mayDeleteAny,
  checkReact,
}: ChangeDependencies): void {
  async function change(
    conn: ChatConnection,
    room: string,
    seq: number,
    clientId: string,
    request: ChangeRequest,
  ): Promise<ChangeAnswer> {
    checkRate(conn)
    requireMember(conn, room, 'change its messages')
    const { username, author } = conn.data
    if (!username) throw new Error(`Join "${room}" to change its messages`)
    const timestamp = Date.now()
    if (request.kind === 'react') checkReact(conn, room, timestamp)
    const common = { room, target: seq, clientId, username, author, timestamp }
    const asked: NewChange =
      request.kind === 'edit'
        ? { ...common, ...request, windowMs: limits.editWindowSeconds * 1000 }
        : { ...common, ...request }
    const outcome: ChangeOutcome = await stored(room, () => store.change(asked))
    if (outcome.kind === 'refused') throw new Error(outcome.reason)
    if (outcome.kind === 'unchanged') return { room, changed: false, message: toChatMessage(outcome.message) }
    if (outcome.kind === 'changed') {
      bus.publish(room, 'messageChanged', toMessageChange(outcome.change, outcome.message))
      if (outcome.erasedFiles) files.erase(outcome.erasedFiles)
    }
    return { room, changed: true, seq: outcome.change.seq, message: toChatMessage(outcome.message) }
  }

  server.onRequest('editMessage', ({ room, seq, message, clientId }, conn) =>
    write(() => change(conn, room, seq, clientId, { kind: 'edit', body: message })),
  )
  server.onRequest('deleteMessage', ({ room, seq, clientId }, conn) =>
    write(async () =>
      change(conn, room, seq, clientId, { kind: 'delete', anyMessage: await mayDeleteAny(conn, room) }),
    ),
  )
  server.onRequest('react', ({ room, seq, emoji, add, clientId }, conn) =>
    write(() => change(conn, room, seq, clientId, { kind: 'react', emoji, add })),
  )
}
