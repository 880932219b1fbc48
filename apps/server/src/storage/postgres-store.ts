import type { SQL } from 'bun'
import type { SearchPage, SearchRequest } from './message-store.ts'
import { type LogWrite, planWrites, type WriteOutcome } from './plan-writes.ts'
import { appendInOneStatement, isUniqueViolation, plainAppends } from './postgres-appends.ts'
import { applyOps, lockRooms } from './postgres-log-ops.ts'
import { PostgresReadMarks } from './postgres-read-marks.ts'
import { postgresReads } from './postgres-reads.ts'
import { postgresSearch } from './postgres-search.ts'
import { RoomLogStore } from './room-log-store.ts'
import { WriteHealth } from './write-health.ts'

/** After a deletion, dead row versions holding its text are vacuumed away at most this often. */
const VACUUM_EVERY_MS = 10_000

/**
 * The room logs in PostgreSQL through Bun's SQL client, shared by every instance.
 * Writes are batched per event-loop turn; each room's row in `rooms` hands out seqs,
 * locked so concurrent writers never share or skip one. A batch of new messages is one
 * statement, one round trip (`appendInOneStatement`); any other batch is one transaction
 * in which the rooms are locked first and changes are checked against what the database
 * holds under that lock, its writes then sent together.
 */
export class PostgresMessageStore extends RoomLogStore {
  readonly #sql: SQL
  readonly #health = new WriteHealth(() => this.#probe())
  #vacuum: ReturnType<typeof setTimeout> | undefined
  readonly readMarks: PostgresReadMarks
  readonly search?: (request: SearchRequest) => Promise<SearchPage>

  /** With `search`, messages can be searched (the index is kept by PostgreSQL either way). */
  constructor(sql: SQL, search = true) {
    super(postgresReads(sql))
    this.#sql = sql
    this.readMarks = new PostgresReadMarks(sql)
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
      await tx`UPDATE rooms SET last_seq = last_seq, rules = rules WHERE false`
      await tx`UPDATE messages SET seq = seq WHERE false`
      await tx`UPDATE changes SET seq = seq WHERE false`
    })
  }

  protected writeBatch(batch: LogWrite[]): Promise<WriteOutcome[]> {
    return this.#health.track(() => this.#write(batch))
  }

  async #write(batch: LogWrite[]): Promise<WriteOutcome[]> {
    const appends = plainAppends(batch)
    if (appends) {
      try {
        return await appendInOneStatement(this.#sql, appends)
      } catch (error) {
        // A client id stored before: the planner finds the earlier message and answers with it.
        if (!isUniqueViolation(error)) throw error
      }
    }
    return this.#planAndWrite(batch)
  }

  /** Any batch: the rooms locked, the log read where the writes need it, and the planner's writes. */
  async #planAndWrite(batch: LogWrite[]): Promise<WriteOutcome[]> {
    const outcomes = await this.#sql.begin(async (tx) => {
      const starts = await lockRooms(tx, [...new Set(batch.map(roomOf))])
      const planned = await planWrites(batch, postgresReads(tx), async (room) => starts.get(room) ?? 0)
      await applyOps(tx, planned.ops)
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

const roomOf = (write: LogWrite) => (write.kind === 'message' ? write.message.room : write.change.room)
