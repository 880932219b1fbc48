import type { Database } from 'bun:sqlite'
import type { NotifyLevel } from '@parley/events/rules'
import { type ReadMark, type ReadMarks, type ReadMarkWrite, toNotifyLevel, unreadMark } from './read-marks.ts'
import { WriteBatcher } from './write-batcher.ts'

/**
 * Read marks in the SQLite file. They are read here, on the server's connection, and written
 * by the writer thread (the file keeps one writer, so a mark never waits on the lock behind
 * a batch of messages, nor blocks this event loop): the marks of one event-loop turn go to
 * the thread in one transaction.
 */
export class SqliteReadMarks implements ReadMarks {
  readonly #read
  readonly #writes: WriteBatcher<ReadMarkWrite, void>

  /** Reads on `db`; `write` commits marks on the writer thread. */
  constructor(db: Database, write: (marks: ReadMarkWrite[]) => Promise<void>) {
    this.#read = db.query<{ seq: number; notify: string }, { author: string; room: string }>(
      'SELECT seq, notify FROM read_marks WHERE author = $author AND room = $room',
    )
    this.#writes = new WriteBatcher(async (marks) => {
      await write(marks)
      return marks.map(() => undefined)
    })
  }

  async get(author: string, room: string): Promise<ReadMark> {
    const row = this.#read.get({ author, room })
    return row ? { seq: row.seq, notify: toNotifyLevel(row.notify) } : unreadMark()
  }

  async markRead(author: string, room: string, seq: number): Promise<ReadMark> {
    await this.#writes.push({ author, room, seq })
    return this.get(author, room)
  }

  async setNotify(author: string, room: string, notify: NotifyLevel): Promise<ReadMark> {
    await this.#writes.push({ author, room, notify })
    return this.get(author, room)
  }

  /** Resolves once every mark pushed so far is committed. */
  drain(): Promise<void> {
    return this.#writes.drain()
  }
}
