import { Database } from 'bun:sqlite'
import type { AppendOutcome, MessageStore, NewMessage, StoredMessage } from './message-store.ts'
import { byRoom, numberMessages } from './number-messages.ts'
import type { MessageRow, SeqAdvance } from './sqlite-writer.worker.ts'
import { SqliteWriterThread } from './sqlite-writer-thread.ts'
import { toMessage, toRow } from './stored-rows.ts'
import { WriteBatcher } from './write-batcher.ts'
import { WriteHealth } from './write-health.ts'

function prepareReads(db: Database) {
  return {
    lastSeq: db.query<{ last_seq: number }, { room: string }>('SELECT last_seq FROM rooms WHERE name = $room'),
    byClientId: db.query<unknown, { room: string; clientId: string }>(
      'SELECT * FROM messages WHERE room = $room AND client_id = $clientId',
    ),
    latest: db.query<unknown, { room: string; limit: number }>(
      'SELECT * FROM messages WHERE room = $room ORDER BY seq DESC LIMIT $limit',
    ),
    before: db.query<unknown, { room: string; seq: number; limit: number }>(
      'SELECT * FROM messages WHERE room = $room AND seq < $seq ORDER BY seq DESC LIMIT $limit',
    ),
    after: db.query<unknown, { room: string; seq: number; limit: number }>(
      'SELECT * FROM messages WHERE room = $room AND seq > $seq ORDER BY seq LIMIT $limit',
    ),
    ping: db.query('SELECT 1'),
  }
}

/**
 * Message history in one SQLite file (WAL), through `bun:sqlite`. Reads run here, on
 * prepared statements; writes go to a thread of their own, which commits and syncs
 * each batch while this event loop goes on. Appends made while a batch is being
 * committed form the next one, so batches grow with the load.
 *
 * One batch is in flight at a time: when it is numbered, everything before it is
 * committed, so the seqs come from what the file holds. This process must be the
 * file's only writer (the thread refuses a batch if a room moved under it).
 */
export class SqliteMessageStore implements MessageStore {
  readonly #db: Database
  readonly #reads: ReturnType<typeof prepareReads>
  readonly #writer: SqliteWriterThread
  readonly #health: WriteHealth
  readonly #batcher = new WriteBatcher<NewMessage, AppendOutcome>((batch) =>
    this.#health.track(() => this.#write(batch)),
  )

  private constructor(db: Database, writer: SqliteWriterThread) {
    this.#db = db
    this.#reads = prepareReads(db)
    this.#writer = writer
    this.#health = new WriteHealth(() => writer.probe())
  }

  /** Opens `file`, whose schema is up to date, for reading here and writing on its own thread. */
  static async open(file: string): Promise<SqliteMessageStore> {
    const writer = await SqliteWriterThread.open(file)
    const db = new Database(file, { strict: true })
    db.run('PRAGMA busy_timeout = 5000')
    return new SqliteMessageStore(db, writer)
  }

  append(message: NewMessage): Promise<AppendOutcome> {
    return this.#batcher.push(message)
  }

  async before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]> {
    const rows =
      seq === undefined ? this.#reads.latest.all({ room, limit }) : this.#reads.before.all({ room, seq, limit })
    return rows.map(toMessage).reverse()
  }

  async after(room: string, seq: number, limit: number): Promise<StoredMessage[]> {
    return this.#reads.after.all({ room, seq, limit }).map(toMessage)
  }

  async lastSeq(room: string): Promise<number> {
    return this.#reads.lastSeq.get({ room })?.last_seq ?? 0
  }

  async ping(): Promise<void> {
    if (this.#writer.failure) throw this.#writer.failure
    this.#reads.ping.get()
  }

  problem(): string | undefined {
    return this.#health.problem()
  }

  async close(): Promise<void> {
    this.#health.close()
    await this.#batcher.drain()
    await this.#writer.close()
    this.#db.close()
  }

  async #write(batch: NewMessage[]): Promise<AppendOutcome[]> {
    const outcomes = new Map<NewMessage, AppendOutcome>()
    const rows: MessageRow[] = []
    const advances: SeqAdvance[] = []
    for (const [room, messages] of byRoom(batch)) {
      const known = new Map<string, StoredMessage>()
      for (const { clientId } of messages) {
        if (clientId === undefined || known.has(clientId)) continue
        const row = this.#reads.byClientId.get({ room, clientId })
        if (row) known.set(clientId, toMessage(row))
      }
      const from = this.#reads.lastSeq.get({ room })?.last_seq ?? 0
      const numbered = numberMessages(messages, from, known, outcomes)
      if (numbered.fresh.length === 0) continue
      for (const message of numbered.fresh) rows.push(toRow(message))
      advances.push({ room, from, to: numbered.lastSeq })
    }
    if (rows.length > 0) await this.#writer.write(rows, advances)
    return batch.map((message) => outcomes.get(message) as AppendOutcome)
  }
}
