import type { ChatMessage, ReplyQuote } from '@parley/events'
import { QUOTE_MAX_LENGTH } from '@parley/events/rules'

/** The first line of `text`, shortened to `QUOTE_MAX_LENGTH` characters with an ellipsis. */
export function excerptOf(text: string): string {
  const line = text.trimStart().split('\n', 1)[0]?.trimEnd() ?? ''
  const characters = Array.from(line)
  return characters.length <= QUOTE_MAX_LENGTH ? line : `${characters.slice(0, QUOTE_MAX_LENGTH - 1).join('')}…`
}

/** How a reply quotes `message` as it stands: its author and first line, or only that it was deleted. */
export function quoteOf(message: Pick<ChatMessage, 'seq' | 'username' | 'message' | 'deleted'>): ReplyQuote {
  if (message.deleted) return { seq: message.seq, username: message.username, excerpt: '', deleted: true }
  return { seq: message.seq, username: message.username, excerpt: excerptOf(message.message) }
}
