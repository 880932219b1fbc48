import { DEFAULT_NOTIFY_LEVEL, type NotifyLevel } from '@parley/events/rules'

/** A session's place in a room: everything up to `seq` is read; `notify` is how much the room calls for it. */
export interface ReadMark {
  seq: number
  notify: NotifyLevel
}

/** Where a session stands in a room it never marked: nothing read, the default level. */
export const unreadMark = (): ReadMark => ({ seq: 0, notify: DEFAULT_NOTIFY_LEVEL })

/** One change to a session's mark in a room, as the stores write it. */
export type ReadMarkWrite =
  | { author: string; room: string; seq: number }
  | { author: string; room: string; notify: NotifyLevel }

/**
 * Read positions and notification levels, per session (the hash of its token, as
 * `sessionAuthor` makes it) and room. The position only moves forward.
 */
export interface ReadMarks {
  /** The session's mark in the room, or `unreadMark()` when it has none. */
  get(author: string, room: string): Promise<ReadMark>
  /** Moves the position to `seq` unless it is there or further already; resolves to the mark as it now stands. */
  markRead(author: string, room: string, seq: number): Promise<ReadMark>
  /** Sets the level; resolves to the mark as it now stands. */
  setNotify(author: string, room: string, notify: NotifyLevel): Promise<ReadMark>
}

/** What the tables hold in `notify`, as a level (anything unknown reads as the default). */
export function toNotifyLevel(value: unknown): NotifyLevel {
  return value === 'all' || value === 'mentions' || value === 'nothing' ? value : DEFAULT_NOTIFY_LEVEL
}

/** Read marks in process memory, for the memory store: lost on restart like its rooms. */
export class MemoryReadMarks implements ReadMarks {
  readonly #marks = new Map<string, ReadMark>()

  async get(author: string, room: string): Promise<ReadMark> {
    return { ...(this.#marks.get(key(author, room)) ?? unreadMark()) }
  }

  async markRead(author: string, room: string, seq: number): Promise<ReadMark> {
    const mark = this.#marks.get(key(author, room)) ?? unreadMark()
    this.#marks.set(key(author, room), { ...mark, seq: Math.max(mark.seq, seq) })
    return this.get(author, room)
  }

  async setNotify(author: string, room: string, notify: NotifyLevel): Promise<ReadMark> {
    const mark = this.#marks.get(key(author, room)) ?? unreadMark()
    this.#marks.set(key(author, room), { ...mark, notify })
    return this.get(author, room)
  }
}

const key = (author: string, room: string) => `${author}\u0000${room}`
