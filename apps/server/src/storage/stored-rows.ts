import { attachmentSchema } from '@parley/events'
import { z } from 'zod'
import type { ReactionRow } from './log-reads.ts'
import type { ChangeRecord, MessageRecord } from './message-store.ts'

// PostgreSQL's BIGINTs may come as strings, and absent values as null: both are read here.
const optionalNumber = z.coerce.number().nullable().optional()

const messageRowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  message_id: z.string(),
  client_id: z.string().nullable(),
  username: z.string(),
  body: z.string(),
  created_at: z.coerce.number(),
  reply_to: optionalNumber,
  author: z.string().nullable().optional(),
  edited_at: optionalNumber,
  deleted_at: optionalNumber,
  rev: optionalNumber,
  files: z.string().nullable().optional(),
})

/** The `files` column: the attachments as JSON text, or null. */
const filesColumn = z.array(attachmentSchema)

function filesText(message: MessageRecord): string | null {
  return message.files && message.files.length > 0 ? JSON.stringify(message.files) : null
}

/** A row of `messages` as the database returns it. */
export function toMessage(row: unknown): MessageRecord {
  const r = messageRowSchema.parse(row)
  const message: MessageRecord = {
    room: r.room,
    seq: r.seq,
    messageId: r.message_id,
    clientId: r.client_id ?? undefined,
    username: r.username,
    body: r.body,
    timestamp: r.created_at,
  }
  if (r.reply_to != null) message.replyTo = r.reply_to
  if (r.author != null) message.author = r.author
  if (r.edited_at != null) message.editedAt = r.edited_at
  if (r.deleted_at != null) message.deletedAt = r.deleted_at
  if (r.rev != null) message.rev = r.rev
  if (r.files != null) message.files = filesColumn.parse(JSON.parse(r.files))
  return message
}

/**
 * A new row of `messages`, as inserted (a type, not an interface, so that it binds as SQL
 * parameters). A new message is never edited or deleted yet: those columns start empty.
 */
export type MessageRow = {
  room: string
  seq: number
  message_id: string
  client_id: string | null
  username: string
  body: string
  created_at: number
  reply_to: number | null
  author: string | null
  files: string | null
}

/** A new message as a row of `messages`. */
export function toRow(message: MessageRecord): MessageRow {
  return {
    room: message.room,
    seq: message.seq,
    message_id: message.messageId,
    client_id: message.clientId ?? null,
    username: message.username,
    body: message.body,
    created_at: message.timestamp,
    reply_to: message.replyTo ?? null,
    author: message.author ?? null,
    files: filesText(message),
  }
}

/** What a change rewrites in a row of `messages`. */
export type MessageUpdateRow = {
  room: string
  seq: number
  body: string
  edited_at: number | null
  deleted_at: number | null
  rev: number | null
  files: string | null
}

export function toUpdateRow(message: MessageRecord): MessageUpdateRow {
  return {
    room: message.room,
    seq: message.seq,
    body: message.body,
    edited_at: message.editedAt ?? null,
    deleted_at: message.deletedAt ?? null,
    rev: message.rev ?? null,
    files: filesText(message),
  }
}

const changeRowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  message_seq: z.coerce.number(),
  kind: z.enum(['edited', 'deleted', 'reacted', 'unreacted']),
  username: z.string(),
  client_id: z.string(),
  emoji: z.string().nullable(),
  created_at: z.coerce.number(),
})

export function toChange(row: unknown): ChangeRecord {
  const r = changeRowSchema.parse(row)
  const change: ChangeRecord = {
    room: r.room,
    seq: r.seq,
    target: r.message_seq,
    kind: r.kind,
    username: r.username,
    clientId: r.client_id,
    timestamp: r.created_at,
  }
  if (r.emoji !== null) change.emoji = r.emoji
  return change
}

export type ChangeRow = {
  room: string
  seq: number
  message_seq: number
  kind: string
  username: string
  client_id: string
  emoji: string | null
  created_at: number
  /** A change to a room: what it acted on, as JSON (see `toRoomChangeRow`); null for a change to a message. */
  detail: string | null
}

export function toChangeRow(change: ChangeRecord): ChangeRow {
  return {
    room: change.room,
    seq: change.seq,
    message_seq: change.target,
    kind: change.kind,
    username: change.username,
    client_id: change.clientId,
    emoji: change.emoji ?? null,
    created_at: change.timestamp,
    detail: null,
  }
}

const reactionRowSchema = z.object({
  room: z.string(),
  message_seq: z.coerce.number(),
  emoji: z.string(),
  user_key: z.string(),
  username: z.string(),
  seq: z.coerce.number(),
})

export function toReaction(row: unknown): ReactionRow {
  const r = reactionRowSchema.parse(row)
  return {
    room: r.room,
    messageSeq: r.message_seq,
    emoji: r.emoji,
    userKey: r.user_key,
    username: r.username,
    seq: r.seq,
  }
}

export type ReactionDbRow = {
  room: string
  message_seq: number
  emoji: string
  user_key: string
  username: string
  seq: number
}

export function toReactionRow(reaction: ReactionRow): ReactionDbRow {
  return {
    room: reaction.room,
    message_seq: reaction.messageSeq,
    emoji: reaction.emoji,
    user_key: reaction.userKey,
    username: reaction.username,
    seq: reaction.seq,
  }
}
