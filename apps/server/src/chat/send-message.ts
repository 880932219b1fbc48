import type { ChatEvents } from '@parley/events'
import type { Payload } from '@parley/wsx/shared'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { MessageFiles } from '../files/message-files.ts'
import type { Metrics } from '../ops/metrics.ts'
import type { MessageStore, NewMessage } from '../storage/message-store.ts'
import { toChatMessage } from './chat-message.ts'

interface SendDependencies {
  server: ChatServer
  store: MessageStore
  bus: RoomBus
  files: MessageFiles
  metrics: Metrics
  checkRate(conn: ChatConnection): void
  /** Refuses a message the room's rules do not allow now (a mute, slow mode). */
  checkSend(conn: ChatConnection, room: string, now: number): void
  write<T>(run: () => Promise<T>): Promise<T>
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
}

/**
 * `sendMessage`: a message stored before it is acknowledged or delivered, with the files it
 * claims (given back if it is not stored), sent once per `clientId`.
 */
export function registerSendMessage({
  server,
  store,
  bus,
  files,
  metrics,
  checkRate,
  checkSend,
  write,
  stored,
}: SendDependencies): void {
  server.onRequest('sendMessage', (payload, conn) => {
    // Sent right after a join, before its answer: it goes once the join is in.
    const joining = conn.data.joining
    return write(joining ? () => joining.then(() => sendMessage(payload, conn)) : () => sendMessage(payload, conn))
  })

  async function sendMessage(
    { message, room, clientId, replyTo, files: fileIds }: Payload<ChatEvents, 'sendMessage'>,
    conn: ChatConnection,
  ) {
    checkRate(conn)
    const { username, rooms, author } = conn.data
    const target = room ?? [...rooms].at(-1)
    if (!username || !target) throw new Error('Join a room before sending messages')
    if (!rooms.has(target)) throw new Error(`You are not in "${target}"; join it first`)
    const timestamp = Date.now()
    checkSend(conn, target, timestamp)
    const newMessage: NewMessage = {
      room: target,
      messageId: Bun.randomUUIDv7(),
      clientId,
      username,
      body: message,
      timestamp,
      author,
    }
    if (replyTo !== undefined) newMessage.replyTo = replyTo
    const taken = fileIds?.length
      ? await files.take(fileIds, { room: target, author: author ?? '', key: clientId ?? newMessage.messageId })
      : undefined
    if (taken) newMessage.files = taken.files
    const outcome = await stored(target, () => store.append(newMessage)).catch(async (error: unknown) => {
      await taken?.giveBack()
      throw error
    })
    if (outcome.kind === 'conflict' || outcome.kind === 'refused') await taken?.giveBack()
    if (outcome.kind === 'conflict') throw new Error('That message id was already used for a different message')
    if (outcome.kind === 'refused') throw new Error(outcome.reason)
    const saved = outcome.message
    if (outcome.kind === 'stored') {
      bus.publish(target, 'message', toChatMessage(saved))
      metrics.messagesStored += 1
    }
    return { messageId: saved.messageId, timestamp: saved.timestamp, room: target, seq: saved.seq }
  }
}
