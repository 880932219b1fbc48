import type { SQL } from 'bun'
import { z } from 'zod'
import type { AppendOutcome, MessageStore, NewMessage, StoredMessage } from './message-store.ts'
import { byRoom, numberMessages } from './number-messages.ts'
import { toMessage, toRow } from './stored-rows.ts'
import { WriteBatcher } from './write-batcher.ts'
import { WriteHealth } from './write-health.ts'

const seqRowSchema = z.object({ last_seq: z.coerce.number() })

/**
 * Message history in PostgreSQL through Bun's SQL client, shared by every instance.
 * Appends are batched per event-loop turn into one transaction; each room's row in
 * `rooms` hands out seqs, locked by an UPDATE so concurrent writers never share or skip one.
 */
export class PostgresMessageStore implements MessageStore {
  readonly #sql: SQL
  readonly #health = new WriteHealth(() => this.#probe())
  readonly #batcher = new WriteBatcher<NewMessage, AppendOutcome>((batch) =>
    this.#health.track(() => this.#write(batch)),
  )

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

  problem(): string | undefined {
    return this.#health.problem()
  }

  async close(): Promise<void> {
    this.#health.close()
    await this.#batcher.drain()
    await this.#sql.close()
  }

  /**
   * Writes that touch no row but need both tables and the right to write them: they fail
   * while the schema is gone or the database is read-only, like an append would.
   */
  async #probe(): Promise<void> {
    await this.#sql.begin(async (tx) => {
      await tx`UPDATE rooms SET last_seq = last_seq WHERE false`
      await tx`UPDATE messages SET seq = seq WHERE false`
    })
  }

  async #write(batch: NewMessage[]): Promise<AppendOutcome[]> {
    const outcomes = new Map<NewMessage, AppendOutcome>()
    await this.#sql.begin(async (tx) => {
      for (const [room, messages] of byRoom(batch)) {
        await tx`INSERT INTO rooms (name, last_seq) VALUES (${room}, 0) ON CONFLICT (name) DO NOTHING`
        // Takes the room's row lock before anything is read, so seqs stay gap-free across writers.
        const [locked] = await tx`UPDATE rooms SET last_seq = last_seq WHERE name = ${room} RETURNING last_seq`

        const clientIds = [...new Set(messages.flatMap((m) => (m.clientId ? [m.clientId] : [])))]
        const known = new Map<string, StoredMessage>()
        if (clientIds.length > 0) {
          const rows = await tx`SELECT * FROM messages WHERE room = ${room} AND client_id IN ${tx(clientIds)}`
          for (const row of rows.map(toMessage)) known.set(row.clientId as string, row)
        }

        const { fresh, lastSeq } = numberMessages(messages, seqRowSchema.parse(locked).last_seq, known, outcomes)
        if (fresh.length === 0) continue
        await tx`INSERT INTO messages ${tx(fresh.map(toRow))}`
        await tx`UPDATE rooms SET last_seq = ${lastSeq} WHERE name = ${room}`
      }
    })
    return batch.map((message) => outcomes.get(message) as AppendOutcome)
  }
}
