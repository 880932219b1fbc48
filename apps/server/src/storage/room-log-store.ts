import type { LogReads } from './log-reads.ts'
import { LogViews } from './log-views.ts'
import type {
  AppendOutcome,
  AroundPage,
  ChangeOutcome,
  LogEntry,
  MessageStore,
  NewChange,
  NewMessage,
  NewRoomChange,
  RoomChangeOutcome,
  RoomChangeRecord,
  RoomRules,
  StoredMessage,
} from './message-store.ts'
import type { LogWrite, WriteOutcome } from './plan-writes.ts'
import type { ReadMarks } from './read-marks.ts'
import type { UnreadRange } from './unread-range.ts'
import { WriteBatcher } from './write-batcher.ts'

/**
 * What every store shares: writes made in the same event-loop turn go to `writeBatch`
 * together, one batch at a time, and the log's pages are built on the store's reads.
 * A store says how it reads, how it plans and commits a batch, and how it closes.
 */
export abstract class RoomLogStore implements MessageStore {
  readonly #reads: LogReads
  readonly #views: LogViews
  readonly #batcher = new WriteBatcher<LogWrite, WriteOutcome>((batch) => this.writeBatch(batch))

  protected constructor(reads: LogReads) {
    this.#reads = reads
    this.#views = new LogViews(reads)
  }

  /** Plans and commits a batch (see `planWrites`); one at a time, in order. */
  protected abstract writeBatch(batch: LogWrite[]): Promise<WriteOutcome[]>

  abstract readonly readMarks: ReadMarks
  abstract ping(): Promise<void>
  abstract close(): Promise<void>

  append(message: NewMessage): Promise<AppendOutcome> {
    return this.#batcher.push({ kind: 'message', message }) as Promise<AppendOutcome>
  }

  change(change: NewChange): Promise<ChangeOutcome> {
    return this.#batcher.push({ kind: 'change', change }) as Promise<ChangeOutcome>
  }

  roomChange(change: NewRoomChange): Promise<RoomChangeOutcome> {
    return this.#batcher.push({ kind: 'room', change }) as Promise<RoomChangeOutcome>
  }

  roomRules(room: string): Promise<RoomRules | undefined> {
    return this.#reads.roomRules(room)
  }

  roomChangesBefore(room: string, seq: number | undefined, limit: number): Promise<RoomChangeRecord[]> {
    return this.#reads.roomChangesBefore(room, seq, limit)
  }

  privateRooms(): Promise<string[]> {
    return this.#reads.privateRooms()
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

  lastSeq(room: string): Promise<number> {
    return this.#reads.lastSeq(room)
  }

  unreadCount(room: string, range: UnreadRange): Promise<number> {
    return this.#reads.unreadCount(room, range)
  }

  /** Resolves when every write made so far is committed. */
  protected drainWrites(): Promise<void> {
    return this.#batcher.drain()
  }
}
