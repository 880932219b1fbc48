import type { SQL } from 'bun'
import { z } from 'zod'
import type { SearchPage, SearchRequest } from './message-store.ts'
import { type LogOps, type LogWrite, planWrites, type WriteOutcome } from './plan-writes.ts'
import { postgresReads } from './postgres-reads.ts'
import { postgresSearch } from './postgres-search.ts'
import { RoomLogStore } from './room-log-store.ts'
import { toChangeRow, toReactionRow, toRow } from './stored-rows.ts'
import { WriteHealth } from './write-health.ts'

const seqRowSchema = z.object({ last_seq: z.coerce.number() })

/** After a deletion, dead row versions holding its text are vacuumed away at most this often. */
const VACUUM_EVERY_MS = 10_000

/**
 * The room logs in PostgreSQL through Bun's SQL client, shared by every instance.
 * Writes are batched per event-loop turn into one transaction; each room's row in
 * `rooms` hands out seqs, locked by an UPDATE so concurrent writers never share or
 * skip one, and checks are made against what the database holds under that lock.
 */
export class PostgresMessageStore extends RoomLogStore {
  readonly #sql: SQL
  readonly #health = new WriteHealth(() => this.#probe())
  #vacuum: ReturnType<typeof setTimeout> | undefined
  readonly search?: (request: SearchRequest) => Promise<SearchPage>

  /** With `search`, messages can be searched (the index is kept by PostgreSQL either way). */
  constructor(sql: SQL, search = true) {
    super(postgresReads(sql))
    this.#sql = sql
    if (search) this.search = postgresSearch(sql)
  }

  async ping(): Promise<void> {
    await this.#sql`SELECT 1`
  }

  problem(): string | undefined {
    return this.#health.problem()
  }

  async close(): Promise<void> {
    this.#health.close()
    await this.drainWrites()
    if (this.#vacuum) {
      clearTimeout(this.#vacuum)
      await this.#vacuumNow()
    }
    await this.#sql.close()
  }

  /**
   * Writes that touch no row but need every table and the right to write them: they
   * fail while the schema is gone or the database is read-only, like an append would.
   */
  async #probe(): Promise<void> {
    await this.#sql.begin(async (tx) => {
      await tx`UPDATE rooms SET last_seq = last_seq WHERE false`
      await tx`UPDATE messages SET seq = seq WHERE false`
      await tx`UPDATE changes SET seq = seq WHERE false`
    })
  }

  protected writeBatch(batch: LogWrite[]): Promise<WriteOutcome[]> {
    return this.#health.track(() => this.#write(batch))
  }

  async #write(batch: LogWrite[]): Promise<WriteOutcome[]> {
    const outcomes = await this.#sql.begin(async (tx) => {
      const planned = await planWrites(batch, postgresReads(tx), async (room) => {
        await tx`INSERT INTO rooms (name, last_seq) VALUES (${room}, 0) ON CONFLICT (name) DO NOTHING`
        // Takes the room's row lock before anything is read, so seqs stay gap-free across writers.
        const [locked] = await tx`UPDATE rooms SET last_seq = last_seq WHERE name = ${room} RETURNING last_seq`
        return seqRowSchema.parse(locked).last_seq
      })
      await apply(tx, planned.ops)
      if (planned.ops.erased) this.#scheduleVacuum()
      return planned.outcomes
    })
    return outcomes
  }

  /** An UPDATE leaves the old row version, text and all, until VACUUM reclaims it: soon after a deletion. */
  #scheduleVacuum(): void {
    this.#vacuum ??= setTimeout(() => void this.#vacuumNow(), VACUUM_EVERY_MS)
  }

  async #vacuumNow(): Promise<void> {
    this.#vacuum = undefined
    await this.#sql.unsafe('VACUUM messages').catch(() => undefined)
  }
}

async function apply(tx: SQL, ops: LogOps): Promise<void> {
  if (ops.messages.length > 0) await tx`INSERT INTO messages ${tx(ops.messages.map(toRow))}`
  for (const { room, seq, body, editedAt, deletedAt, rev } of ops.updates) {
    await tx`UPDATE messages SET body = ${body}, edited_at = ${editedAt ?? null}, deleted_at = ${deletedAt ?? null}, rev = ${rev ?? null}
             WHERE room = ${room} AND seq = ${seq}`
  }
  if (ops.changes.length > 0) await tx`INSERT INTO changes ${tx(ops.changes.map(toChangeRow))}`
  for (const r of ops.reactionsRemoved) {
    await tx`DELETE FROM reactions WHERE room = ${r.room} AND message_seq = ${r.messageSeq} AND emoji = ${r.emoji} AND user_key = ${r.userKey}`
  }
  for (const { room, messageSeq } of ops.reactionsCleared) {
    await tx`DELETE FROM reactions WHERE room = ${room} AND message_seq = ${messageSeq}`
  }
  if (ops.reactionsAdded.length > 0) await tx`INSERT INTO reactions ${tx(ops.reactionsAdded.map(toReactionRow))}`
  for (const { room, to } of ops.advances) await tx`UPDATE rooms SET last_seq = ${to} WHERE name = ${room}`
}
