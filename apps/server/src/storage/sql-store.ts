import type { SQL } from 'bun'
import { z } from 'zod'
import type { AppendOutcome, MessageStore, NewMessage, StoredMessage } from './message-store.ts'
import { WriteBatcher } from './write-batcher.ts'

const rowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  message_id: z.string(),
  client_id: z.string().nullable(),
  username: z.string(),
  body: z.string(),
  created_at: z.coerce.number(),
})

const seqRowSchema = z.object({ last_seq: z.coerce.number() })

function toMessage(row: unknown): StoredMessage {
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

const sameMessage = (a: NewMessage, b: NewMessage) => a.username === b.username && a.body === b.body

/**
 * Message history in SQL through Bun's client (SQLite or PostgreSQL). Appends are
 * batched per event-loop turn into one transaction; each room's row in `rooms`
 * hands out seqs, locked by an UPDATE so concurrent writers never share or skip one.
 */
export class SqlMessageStore implements MessageStore {
  readonly #sql: SQL
  readonly #batcher = new WriteBatcher<NewMessage, AppendOutcome>((batch) => this.#write(batch))

  constructor(sql: SQL) {
    this.#sql = sql
  }

  append(message: NewMessage): Promise<AppendOutcome> {
    return this.#batcher.push(message)
  }

  async before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]> {
    const rows =
      seq === undefined
        ? await this.#sql`SELECT * FROM messages WHERE room = ${room} ORDER BY seq DESC LIMIT ${limit}`
        : await this.#sql`SELECT * FROM messages WHERE room = ${room} AND seq < ${seq} ORDER BY seq DESC LIMIT ${limit}`
    return rows.map(toMessage).reverse()
  }

  async after(room: string, seq: number, limit: number): Promise<StoredMessage[]> {
    const rows = await this
      .#sql`SELECT * FROM messages WHERE room = ${room} AND seq > ${seq} ORDER BY seq LIMIT ${limit}`
    return rows.map(toMessage)
  }

  async lastSeq(room: string): Promise<number> {
    const [row] = await this.#sql`SELECT last_seq FROM rooms WHERE name = ${room}`
    return row ? seqRowSchema.parse(row).last_seq : 0
  }

  async ping(): Promise<void> {
    await this.#sql`SELECT 1`
  }

  async close(): Promise<void> {
    await this.#batcher.drain()
    await this.#sql.close()
  }

  async #write(batch: NewMessage[]): Promise<AppendOutcome[]> {
    const outcomes = new Map<NewMessage, AppendOutcome>()
    const byRoom = new Map<string, NewMessage[]>()
    for (const message of batch) {
      const messages = byRoom.get(message.room)
      if (messages) messages.push(message)
      else byRoom.set(message.room, [message])
    }
    await this.#sql.begin(async (tx) => {
      for (const [room, messages] of byRoom) {
        await tx`INSERT INTO rooms (name, last_seq) VALUES (${room}, 0) ON CONFLICT (name) DO NOTHING`
        // Takes the room's row lock before anything is read, so seqs stay gap-free across writers.
        const [locked] = await tx`UPDATE rooms SET last_seq = last_seq WHERE name = ${room} RETURNING last_seq`
        let seq = seqRowSchema.parse(locked).last_seq

        const clientIds = [...new Set(messages.flatMap((m) => (m.clientId ? [m.clientId] : [])))]
        const known = new Map<string, StoredMessage>()
        if (clientIds.length > 0) {
          const rows = await tx`SELECT * FROM messages WHERE room = ${room} AND client_id IN ${tx(clientIds)}`
          for (const row of rows.map(toMessage)) known.set(row.clientId as string, row)
        }

        const fresh: StoredMessage[] = []
        for (const message of messages) {
          const earlier = message.clientId ? known.get(message.clientId) : undefined
          if (earlier) {
            outcomes.set(
              message,
              sameMessage(earlier, message) ? { kind: 'duplicate', message: earlier } : { kind: 'conflict' },
            )
            continue
          }
          seq += 1
          const stored = { ...message, seq }
          fresh.push(stored)
          if (message.clientId) known.set(message.clientId, stored)
          outcomes.set(message, { kind: 'stored', message: stored })
        }
        if (fresh.length === 0) continue
        const rows = fresh.map((m) => ({
          room: m.room,
          seq: m.seq,
          message_id: m.messageId,
          client_id: m.clientId ?? null,
          username: m.username,
          body: m.body,
          created_at: m.timestamp,
        }))
        await tx`INSERT INTO messages ${tx(rows)}`
        await tx`UPDATE rooms SET last_seq = ${seq} WHERE name = ${room}`
      }
    })
    return batch.map((message) => outcomes.get(message) as AppendOutcome)
  }
}
