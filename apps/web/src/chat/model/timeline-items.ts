import type { Attachment, ChatMessage, ReplyQuote } from '@parley/events'
import { type PendingChange, type ReactionView, viewOf } from './pending-changes.ts'
import { quoteOf } from './quote.ts'
import { messageAt, type RoomTimeline } from './timeline.ts'

/** One of our changes to a message still on its way, or failed: what the message says about it. */
export interface ChangeStatus {
  clientId: string
  kind: PendingChange['kind']
  /** For reactions: the emoji, and whether it was being added. */
  emoji: string | null
  add: boolean
  status: PendingChange['status']
  error: string | null
}

/** A message as the pane shows it. */
export interface MessageLine {
  kind: 'message'
  key: string
  username: string
  /** Its text now (our pending edit included); empty once deleted. */
  message: string
  timestamp: number
  seq: number | null
  status: 'sent' | 'pending' | 'failed'
  error: string | null
  clientId: string | null
  /** When its text was last edited, if it was. */
  editedAt: number | null
  deleted: boolean
  reactions: ReactionView[]
  /** The message it answers, as it stands now when this tab holds it. */
  replyTo: ReplyQuote | null
  /** Our changes to it not yet confirmed, oldest first. */
  changes: ChangeStatus[]
  /** The files it carries; none once deleted. */
  files: readonly Attachment[]
}

/** What a timeline shows, in order: stored messages and notes by seq, then our unconfirmed messages. */
export type TimelineItem =
  | MessageLine
  | { kind: 'system'; key: string; text: string; timestamp: number }
  /** Where messages are not loaded, between a window far back and the newer messages (timestamp: the window's newest). */
  | { kind: 'gap'; key: 'gap'; timestamp: number }

const NONE: never[] = []

/** The quote of the message at `seq`: from the copy held if there is one (it is the freshest), else `fallback`. */
function quoteAt(timeline: RoomTimeline, seq: number, fallback: ReplyQuote | null): ReplyQuote | null {
  const target = messageAt(timeline, seq)
  return target ? quoteOf(target) : fallback
}

function statusOf(change: PendingChange): ChangeStatus {
  return {
    clientId: change.clientId,
    kind: change.kind,
    emoji: change.kind === 'react' ? change.emoji : null,
    add: change.kind === 'react' ? change.add : false,
    status: change.status,
    error: change.error,
  }
}

function storedLine(timeline: RoomTimeline, message: ChatMessage, me: string | null): MessageLine {
  const changes = timeline.changes.filter((change) => change.seq === message.seq)
  const view = viewOf(message, changes, me)
  const replyTo = message.replyTo ? quoteAt(timeline, message.replyTo.seq, message.replyTo) : null
  return {
    kind: 'message',
    key: `seq-${message.seq}`,
    username: message.username,
    message: view.text,
    timestamp: message.timestamp,
    seq: message.seq,
    status: 'sent',
    error: null,
    clientId: message.clientId ?? null,
    editedAt: view.editedAt,
    deleted: view.deleted,
    reactions: view.reactions,
    replyTo,
    changes: changes.length ? changes.map(statusOf) : NONE,
    files: view.deleted ? NONE : (message.files ?? NONE),
  }
}

/** The lines to show, in order; `me` marks our own reactions. */
export function timelineItems(timeline: RoomTimeline, me: string | null = null): TimelineItem[] {
  const items: TimelineItem[] = []
  const { notes } = timeline
  let n = 0
  const pushNote = () => {
    const note = notes[n++]
    if (note) items.push({ kind: 'system', key: note.id, text: note.text, timestamp: note.timestamp })
  }
  const { gap } = timeline
  let previous: ChatMessage | undefined
  for (const message of timeline.messages) {
    while (n < notes.length && (notes[n]?.afterSeq ?? 0) < message.seq) pushNote()
    if (gap && previous && previous.seq <= gap.after && message.seq >= gap.before) {
      items.push({ kind: 'gap', key: 'gap', timestamp: previous.timestamp })
    }
    previous = message
    items.push(storedLine(timeline, message, me))
  }
  while (n < notes.length) pushNote()
  for (const outgoing of timeline.outbox) {
    items.push({
      kind: 'message',
      key: `client-${outgoing.clientId}`,
      username: outgoing.username,
      message: outgoing.message,
      timestamp: outgoing.createdAt,
      seq: null,
      status: outgoing.status,
      error: outgoing.error,
      clientId: outgoing.clientId,
      editedAt: null,
      deleted: false,
      reactions: NONE,
      replyTo: outgoing.replyTo === undefined ? null : quoteAt(timeline, outgoing.replyTo, null),
      changes: NONE,
      files: outgoing.files ?? NONE,
    })
  }
  return items
}
