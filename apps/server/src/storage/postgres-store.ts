import type { SQL } from 'bun'
import { z } from 'zod'
import { LogViews } from './log-views.ts'
import type {
  AppendOutcome,
  AroundPage,
  ChangeOutcome,
  LogEntry,
  MessageStore,
  NewChange,
  NewMessage,
  StoredMessage,
} from './message-store.ts'
import { type LogOps, type LogWrite, planWrites, type WriteOutcome } from './plan-writes.ts'
import { postgresReads } from './postgres-reads.ts'
import { toChangeRow, toReactionRow, toRow } from './stored-rows.ts'
import { WriteBatcher } from './write-batcher.ts'
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
export class PostgresMessageStore implements MessageStore {
  readonly #sql: SQL
  readonly #views: LogViews
  readonly #health = new WriteHealth(() => this.#probe())
  readonly #batcher = new WriteBatcher<LogWrite, WriteOutcome>((batch) => this.#health.track(() => this.#write(batch)))
  #vacuum: ReturnType<typeof setTimeout> | undefined

  constructor(sql: SQL) {
    this.#sql = sql
    this.#views = new LogViews(postgresReads(sql))
  }

  append(message: NewMessage): Promise<AppendOutcome> {
    return this.#batcher.push({ kind: 'message', message }) as Promise<AppendOutcome>
  }

  change(change: NewChange): Promise<ChangeOutcome> {
    return this.#batcher.push({ kind: 'change', change }) as Promise<ChangeOutcome>
  }

  before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]> {
    return this.#views.before(room, seq, limit)
  }

  after(room: string, seq: number, limit: number): Promise<LogEntry[]> {
    return this.#views.after(room, seq, limit)
  }

  around(room: string, seq: number, limit: number): Promise<AroundPage> {
    return this.#views.around(room, seq, limit)
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
