import { Database } from 'bun:sqlite'
import type { LogReads } from './log-reads.ts'
import type { SearchPage, SearchRequest } from './message-store.ts'
import { type LogOps, type LogWrite, planWrites, type WriteOutcome } from './plan-writes.ts'
import { RoomLogStore } from './room-log-store.ts'
import { toRoomChangeRow, toRulesRow } from './room-rows.ts'
import { SqliteReadMarks } from './sqlite-read-marks.ts'
import { sqliteReads } from './sqlite-reads.ts'
import { sqliteSearch } from './sqlite-search.ts'
import type { SqliteSync, WriterBatch } from './sqlite-writer.worker.ts'
import { SqliteWriterThread } from './sqlite-writer-thread.ts'
import { toChangeRow, toReactionRow, toRow, toUpdateRow } from './stored-rows.ts'
import { WriteHealth } from './write-health.ts'

/** The messages a batch edited (with their final text) and deleted, for the search index. */
function searchChanges(ops: LogOps): Pick<WriterBatch, 'edited' | 'deleted'> {
  const final = new Map(ops.updates.map((message) => [`${message.room}\u0000${message.seq}`, message]))
  const edited: WriterBatch['edited'] = []
  const deleted: WriterBatch['deleted'] = []
  const seen = new Set<string>()
  for (const change of ops.changes) {
    const key = `${change.room}\u0000${change.target}`
    const message = final.get(key)
    if (!message || seen.has(key) || (change.kind !== 'edited' && change.kind !== 'deleted')) continue
    seen.add(key)
    if (message.deletedAt !== undefined) deleted.push({ room: message.room, seq: message.seq })
    else edited.push({ room: message.room, seq: message.seq, body: message.body })
  }
  return { edited, deleted }
}

/** A batch's writes as rows for the writer thread. */
function toWriterBatch(ops: LogOps): WriterBatch {
  return {
    ...searchChanges(ops),
    messages: ops.messages.map(toRow),
    updates: ops.updates.map(toUpdateRow),
    changes: [...ops.changes.map(toChangeRow), ...ops.roomChanges.map(toRoomChangeRow)],
    reactionsRemoved: ops.reactionsRemoved.map(toReactionRow),
    reactionsCleared: ops.reactionsCleared.map(({ room, messageSeq }) => ({ room, message_seq: messageSeq })),
    reactionsAdded: ops.reactionsAdded.map(toReactionRow),
    advances: ops.advances,
    rules: ops.rules.map(({ room, rules }) => toRulesRow(room, rules)),
    erased: ops.erased,
  }
}

const hasWrites = (ops: LogOps) => ops.advances.length > 0 || ops.rules.length > 0

/**
 * The room logs in one SQLite file (WAL), through `bun:sqlite`. Reads run here, on
 * prepared statements; writes go to a thread of their own, which commits and syncs
 * each batch while this event loop goes on. Writes made while a batch is being
 * committed form the next one, so batches grow with the load.
 *
 * One batch is in flight at a time: when it is planned, everything before it is
 * committed, so the seqs and checks come from what the file holds. This process must
 * be the file's only writer (the thread refuses a batch if a room moved under it).
 */
export class SqliteMessageStore extends RoomLogStore {
  readonly #db: Database
  readonly #reads: LogReads & { ping(): void }
  readonly #writer: SqliteWriterThread
  readonly #health: WriteHealth
  readonly readMarks: SqliteReadMarks
  readonly search?: (request: SearchRequest) => Promise<SearchPage>

  private constructor(db: Database, writer: SqliteWriterThread, search: boolean, reads = sqliteReads(db)) {
    super(reads)
    this.#db = db
    this.#reads = reads
    this.#writer = writer
    this.#health = new WriteHealth(() => writer.probe())
    this.readMarks = new SqliteReadMarks(db, (marks) => writer.writeMarks(marks))
    if (search) this.search = sqliteSearch(db)
  }

  /**
   * Opens `file`, whose schema is up to date, for reading here and writing on its own
   * thread, which commits as `sync` says; with `search`, that thread also keeps the search
   * index up to date.
   */
  static async open(file: string, search: boolean, sync: SqliteSync): Promise<SqliteMessageStore> {
    const writer = await SqliteWriterThread.open(file, search, sync)
    const db = new Database(file, { strict: true })
    db.run('PRAGMA busy_timeout = 5000')
    return new SqliteMessageStore(db, writer, search)
  }

  async ping(): Promise<void> {
    if (this.#writer.failure) throw this.#writer.failure
    this.#reads.ping()
  }

  problem(): string | undefined {
    return this.#health.problem()
  }

  async close(): Promise<void> {
    this.#health.close()
    await this.drainWrites()
    await this.readMarks.drain()
    await this.#writer.close()
    this.#db.close()
  }

  protected writeBatch(batch: LogWrite[]): Promise<WriteOutcome[]> {
    return this.#health.track(async () => {
      const { outcomes, ops } = await planWrites(batch, this.#reads, (room) => this.#reads.lastSeq(room))
      if (hasWrites(ops)) await this.#writer.write(toWriterBatch(ops))
      return outcomes
    })
  }
}
