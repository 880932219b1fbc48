import { z } from 'zod'
import type { StoredMessage } from './message-store.ts'

const rowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  message_id: z.string(),
  client_id: z.string().nullable(),
  username: z.string(),
  body: z.string(),
  created_at: z.coerce.number(),
})

/** A row of `messages` as the database returns it (PostgreSQL's BIGINTs may come as strings). */
export function toMessage(row: unknown): StoredMessage {
  const r = rowSchema.parse(row)
  return {
    room: r.room,
    seq: r.seq,
    messageId: r.message_id,
    clientId: r.client_id ?? undefined,
    username: r.username,
    body: r.body,
    timestamp: r.created_at,
  }
}

/** A message as a row of `messages`. */
export function toRow(message: StoredMessage) {
  return {
    room: message.room,
    seq: message.seq,
    message_id: message.messageId,
    client_id: message.clientId ?? null,
    username: message.username,
    body: message.body,
    created_at: message.timestamp,
  }
}
