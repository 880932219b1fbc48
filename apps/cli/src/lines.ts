import type { ChatMessage, MessageChange, Reaction, ReplyQuote } from '@parley/events'
import { fileLines } from './file-lines.ts'
import { isCodeLine, terminalText } from './terminal-text.ts'

/** Turns a server timestamp (ms) into the time a line shows. */
export type TimeFormat = (timestamp: number) => string

/** The seed's clock: the local time of day. */
export const localTime: TimeFormat = (timestamp) => new Date(timestamp).toLocaleTimeString()

/** How much of a quoted message a reply line shows, in characters. */
const QUOTE_CHARS = 30

/** The first words of `text`, on one line, cut at a word with "…" when longer than `max`. */
export function firstWords(text: string, max = QUOTE_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if ([...line].length <= max) return line
  const cut = [...line].slice(0, max).join('')
  const atWord = cut.lastIndexOf(' ')
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`
}

/** Reactions as `👍 2 🎉 1`; empty when there are none. */
export function reactionCounts(reactions: readonly Reaction[] | undefined): string {
  return (reactions ?? [])
    .filter((reaction) => reaction.users.length > 0)
    .map((reaction) => `${reaction.emoji} ${reaction.users.length}`)
    .join(' ')
}

/**
 * A message's text after `lead` (`[time] alice:`), formatted for a terminal (`terminalText`),
 * with `tail` after it. Text that starts with a code block starts on the next line, and a tail
 * after a code block goes on a line of its own, so neither reads as code.
 */
function withText(lead: string, text: string, tail: string): string {
  const body = terminalText(text)
  const lines = body.split('\n')
  const head = isCodeLine(lines[0]) ? `${lead}\n` : `${lead} `
  const end = tail && isCodeLine(lines.at(-1)) ? `\n${tail.trimStart()}` : tail
  return `${head}${body}${end}`
}

/** Who a reply answers: `alice "first words…"`, or that the message is gone. */
function quoteOf(quote: ReplyQuote): string {
  if (quote.deleted) return `${quote.username} (deleted message)`
  return `${quote.username} "${firstWords(quote.excerpt)}"`
}

/**
 * A message as the seed prints it, `[time] user: text`, with its seq in the brackets
 * (`[12:01:02 #12] alice: hi`) so commands can name it. A reply names whom it answers;
 * a message replayed after a reconnect shows its current state: edited, deleted, reactions.
 * Code blocks are indented and quotes marked (`terminalText`). Its files follow, a line
 * each, their links on `origin` (the server's web address).
 */
export function messageLine(message: ChatMessage, time: TimeFormat = localTime, origin = ''): string {
  const who = message.replyTo ? `${message.username} ↪ ${quoteOf(message.replyTo)}` : message.username
  const stamp = `[${time(message.timestamp)} #${message.seq}]`
  if (message.deleted) return `${stamp} ${who}: (deleted)`
  const edited = message.editedAt === undefined ? '' : ' (edited)'
  const counts = reactionCounts(message.reactions)
  const tail = `${edited}${counts ? `  [${counts}]` : ''}`
  const files = fileLines(message.files, origin)
  // A message of files alone has no text to print.
  const head =
    message.message === '' && files.length > 0
      ? `${stamp} ${who}:${tail}`
      : withText(`${stamp} ${who}:`, message.message, tail)
  return [head, ...files].join('\n')
}

/** A change to a message: `[time] alice edited #12: new text`, `bob reacted 👍 to #12 (👍 2)`. */
export function changeLine(change: MessageChange, time: TimeFormat = localTime): string {
  const stamp = `[${time(change.timestamp)}]`
  const target = `#${change.message.seq}`
  const counts = reactionCounts(change.message.reactions)
  const tally = counts ? ` (${counts})` : ''
  switch (change.change) {
    case 'edited':
      // Replayed after a reconnect, the message stands as it is now: perhaps deleted since.
      if (change.message.deleted) return `${stamp} ${change.username} edited ${target} (since deleted)`
      return withText(`${stamp} ${change.username} edited ${target}:`, change.message.message, '')
    case 'deleted':
      return `${stamp} ${change.username} deleted ${target}`
    case 'reacted':
      return `${stamp} ${change.username} reacted ${change.emoji ?? ''} to ${target}${tally}`
    case 'unreacted':
      return `${stamp} ${change.username} took back ${change.emoji ?? ''} on ${target}${tally}`
  }
}

/** The words of a refusal or failure, whatever was thrown. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
