import { isSingleEmoji } from '@parley/events/rules'
import { parseRoomCommand, type RoomCommand } from './room-commands.ts'

/** What one typed line asks for. `seq` absent on edit or delete means "my last message". */
export type Command =
  | { kind: 'say'; text: string }
  | { kind: 'reply'; seq: number; text: string }
  | { kind: 'edit'; seq?: number; text: string }
  | { kind: 'delete'; seq?: number }
  | { kind: 'react'; seq: number; emoji: string }
  | { kind: 'operator'; token: string }
  | { kind: 'continue' }
  | RoomCommand
  | { kind: 'help' }
  | { kind: 'unknown'; problem: string }

/** A message named by its seq: `#12`. */
const SEQ = /^#(\d+)$/

/** Splits `#12 rest of line` into 12 and `rest of line`; no seq when the first word is not one. */
function leadingSeq(rest: string): { seq?: number; after: string } {
  const [first = ''] = rest.split(/\s+/)
  const match = SEQ.exec(first)
  const seq = match?.[1] === undefined ? undefined : Number(match[1])
  if (seq === undefined || seq < 1 || !Number.isSafeInteger(seq)) return { after: rest }
  return { seq, after: rest.slice(first.length).trim() }
}

const usage = (line: string): Command => ({ kind: 'unknown', problem: `Usage: ${line}` })

/**
 * Reads one typed line (already trimmed, not empty). A line starting with `/` is a
 * command (`/help` lists them); `//` at the start stands for a literal `/`; anything else is a message.
 */
export function parseCommand(line: string): Command {
  if (line.startsWith('//')) return { kind: 'say', text: line.slice(1) }
  if (!line.startsWith('/')) return { kind: 'say', text: line }

  const space = line.search(/\s/)
  const name = (space < 0 ? line : line.slice(0, space)).toLowerCase()
  const rest = space < 0 ? '' : line.slice(space).trim()
  const { seq, after } = leadingSeq(rest)

  switch (name) {
    case '/help':
    case '/?':
      return { kind: 'help' }
    case '/edit':
      if (!after) return usage('/edit [#N] <new text>')
      return seq === undefined ? { kind: 'edit', text: after } : { kind: 'edit', seq, text: after }
    case '/delete':
      if (after) return usage('/delete [#N]')
      return seq === undefined ? { kind: 'delete' } : { kind: 'delete', seq }
    case '/reply':
      if (seq === undefined || !after) return usage('/reply #N <text>')
      return { kind: 'reply', seq, text: after }
    case '/operator':
      if (!rest || /\s/.test(rest)) return usage('/operator <token>')
      return { kind: 'operator', token: rest }
    case '/continue':
      if (rest) return usage('/continue')
      return { kind: 'continue' }
    case '/react':
      if (seq === undefined || !after) return usage('/react #N <emoji>')
      if (!isSingleEmoji(after)) return { kind: 'unknown', problem: `A reaction is a single emoji, not "${after}"` }
      return { kind: 'react', seq, emoji: after }
    default:
      return (
        parseRoomCommand(name, rest) ?? {
          kind: 'unknown',
          problem: `No command ${name}; /help lists them, and // sends a line starting with /`,
        }
      )
  }
}
