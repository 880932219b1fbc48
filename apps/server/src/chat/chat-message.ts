import type { ChatMessage } from '@parley/events'
import type { StoredMessage } from '../storage/message-store.ts'

/** A stored message as the `message` push and history pages carry it. */
export function toChatMessage(stored: StoredMessage): ChatMessage {
  const message: ChatMessage = {
    messageId: stored.messageId,
    username: stored.username,
    message: stored.body,
    timestamp: stored.timestamp,
    room: stored.room,
    seq: stored.seq,
  }
  if (stored.clientId) message.clientId = stored.clientId
  return message
}
