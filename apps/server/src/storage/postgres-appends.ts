import type { SQL } from 'bun'
import { z } from 'zod'
import { standing } from './log-views.ts'
import type { AppendOutcome, MessageRecord, NewMessage } from './message-store.ts'
import type { LogWrite } from './plan-writes.ts'

const advancedSchema = z.array(z.object({ name: z.string(), last_seq: z.coerce.number() }))

const NOTHING = new Map<number, never>()

/**
 * The new messages of a batch that is nothing else, or undefined: messages that need no
 * look at the log before they are stored (no reply to check, no files, no client id repeated within
 * a room of the batch). A client id the log already holds makes the statement fail, and
 * the batch then goes to the planner, which answers with the earlier message.
 */
export function plainAppends(batch: readonly LogWrite[]): NewMessage[] | undefined {
  const messages: NewMessage[] = []
  const clientIds = new Set<string>()
  for (const write of batch) {
    if (write.kind !== 'message' || write.message.replyTo !== undefined || write.message.files) return undefined
    const { clientId, room } = write.message
    if (clientId !== undefined) {
      const key = `${room}\n${clientId}`
      if (clientIds.has(key)) return undefined
      clientIds.add(key)
    }
    messages.push(write.message)
  }
  return messages
}

/**
 * Stores new messages in one statement, one round trip: each room's row in `rooms` hands
 * out as many seqs as the room has messages (`INSERT … ON CONFLICT DO UPDATE` locks the row
 * until commit, rooms in one fixed order, so writers sharing the database never share or
 * skip a seq and never deadlock), and the messages take them in the order they came.
 * The whole statement fails or succeeds: a seq is never taken without its message.
 */
export async function appendInOneStatement(sql: SQL, messages: readonly NewMessage[]): Promise<AppendOutcome[]> {
  const column = <T>(pick: (message: NewMessage) => T) => messages.map(pick)
  const rows = await sql`
    WITH batch AS (
      SELECT * FROM unnest(
        ${column((m) => m.room)}::text[], ${column((m) => m.messageId)}::text[], ${column((m) => m.clientId ?? null)}::text[],
        ${column((m) => m.username)}::text[], ${column((m) => m.body)}::text[], ${column((m) => m.timestamp)}::bigint[],
        ${column((m) => m.author ?? null)}::text[]
      ) WITH ORDINALITY AS b(room, message_id, client_id, username, body, created_at, author, place)
    ),
    counted AS (SELECT room, count(*) AS n FROM batch GROUP BY room),
    advanced AS (
      INSERT INTO rooms AS r (name, last_seq) SELECT room, n FROM counted ORDER BY room COLLATE "C"
      ON CONFLICT (name) DO UPDATE SET last_seq = r.last_seq + excluded.last_seq
      RETURNING name, last_seq
    ),
    stored AS (
      INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at, author)
      SELECT b.room, a.last_seq - c.n + row_number() OVER (PARTITION BY b.room ORDER BY b.place),
             b.message_id, b.client_id, b.username, b.body, b.created_at, b.author
      FROM batch b JOIN counted c ON c.room = b.room JOIN advanced a ON a.name = b.room
    )
    SELECT name, last_seq FROM advanced`
  const next = new Map<string, number>()
  const counts = new Map<string, number>()
  for (const message of messages) counts.set(message.room, (counts.get(message.room) ?? 0) + 1)
  for (const { name, last_seq } of advancedSchema.parse([...rows])) {
    next.set(name, last_seq - (counts.get(name) ?? 0) + 1)
  }
  return messages.map((message) => {
    const seq = next.get(message.room)
    if (seq === undefined) throw new Error(`No seqs were handed out for room "${message.room}"`)
    next.set(message.room, seq + 1)
    const record: MessageRecord = { ...message, seq }
    return { kind: 'stored', message: standing(record, NOTHING, NOTHING) }
  })
}

/** Whether an error is PostgreSQL refusing a row for a unique key (a client id stored before, here). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'errno' in error && error.errno === '23505'
}
