/**
 * The most messages an unread count looks at (the newest after the read position): it keeps
 * a join fast in a huge room whose newest messages are the asker's own or deleted.
 */
export const UNREAD_SCAN_MESSAGES = 10_000

/** The messages an unread count looks at, and whose and how many it counts. */
export type UnreadRange = {
  /** The read position: messages after it. */
  after: number
  /** The last seq the count covers. */
  through: number
  /** The asking session: its own messages are read. */
  author: string
  /** Counting stops here. */
  limit: number
}
