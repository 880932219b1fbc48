import type { NotifyLevel } from '@parley/events/rules'
import type { SQL } from 'bun'
import { type ReadMark, type ReadMarks, toNotifyLevel, unreadMark } from './read-marks.ts'

type Row = { seq: number | string; notify: string }

const toMark = (row: Row | undefined): ReadMark =>
  row ? { seq: Number(row.seq), notify: toNotifyLevel(row.notify) } : unreadMark()

/** Read marks in PostgreSQL, shared by every instance: each call is one statement. */
export class PostgresReadMarks implements ReadMarks {
  readonly #sql: SQL

  constructor(sql: SQL) {
    this.#sql = sql
  }

  async get(author: string, room: string): Promise<ReadMark> {
    const rows: Row[] = await this.#sql`SELECT seq, notify FROM read_marks WHERE author = ${author} AND room = ${room}`
    return toMark(rows[0])
  }

  async markRead(author: string, room: string, seq: number): Promise<ReadMark> {
    const rows: Row[] = await this.#sql`
      INSERT INTO read_marks (author, room, seq) VALUES (${author}, ${room}, ${seq})
      ON CONFLICT (author, room) DO UPDATE SET seq = GREATEST(read_marks.seq, excluded.seq)
      RETURNING seq, notify`
    return toMark(rows[0])
  }

  async setNotify(author: string, room: string, notify: NotifyLevel): Promise<ReadMark> {
    const rows: Row[] = await this.#sql`
      INSERT INTO read_marks (author, room, notify) VALUES (${author}, ${room}, ${notify})
      ON CONFLICT (author, room) DO UPDATE SET notify = excluded.notify
      RETURNING seq, notify`
    return toMark(rows[0])
  }
}
