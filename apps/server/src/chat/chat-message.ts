import type { ChatMessage, MessageChange } from '@parley/events'
import { QUOTE_MAX_LENGTH } from '@parley/events/rules'
import type { ChangeRecord, QuotedMessage, StoredMessage } from '../storage/message-store.ts'

/** The first line of a quoted message, cut to the quote's length. */
function excerpt(body: string): string {
  const line = body.split('\n', 1)[0] ?? ''
  return line.length > QUOTE_MAX_LENGTH ? `${line.slice(0, QUOTE_MAX_LENGTH - 1)}…` : line
}

function toQuote(quote: QuotedMessage): NonNullable<ChatMessage['replyTo']> {
  const reply: NonNullable<ChatMessage['replyTo']> = {
    seq: quote.seq,
    username: quote.username,
    excerpt: quote.deleted ? '' : excerpt(quote.body),
  }
  if (quote.deleted) reply.deleted = true
  return reply
}

/** A stored message as the `message` push and history pages carry it; the fields that apply, no more. */
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
  if (stored.quote) message.replyTo = toQuote(stored.quote)
  if (stored.editedAt !== undefined) message.editedAt = stored.editedAt
  if (stored.deletedAt !== undefined) message.deleted = true
  if (stored.reactions.length > 0) message.reactions = stored.reactions
  if (stored.rev !== undefined) message.rev = stored.rev
  if (stored.files) message.files = stored.files
  return message
}

/** A change as the `messageChanged` push and history pages carry it, with the message as it stands. */
export function toMessageChange(change: ChangeRecord, message: StoredMessage): MessageChange {
  const pushed: MessageChange = {
    room: change.room,
    seq: change.seq,
    change: change.kind,
    username: change.username,
    timestamp: change.timestamp,
    clientId: change.clientId,
    message: toChatMessage(message),
  }
  if (change.emoji !== undefined) pushed.emoji = change.emoji
  return pushed
}
