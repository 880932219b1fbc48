/** A message to store; the store gives it its `seq`. */
export interface NewMessage {
  room: string
  messageId: string
  clientId: string | undefined
  username: string
  body: string
  timestamp: number
}

/** A stored message: `seq` is its place in the room, 1, 2, 3… with no gaps. */
export interface StoredMessage extends NewMessage {
  seq: number
}

export type AppendOutcome =
  /** Stored now, with a new seq. */
  | { kind: 'stored'; message: StoredMessage }
  /** The same sender sent the same text under this clientId before: that message. */
  | { kind: 'duplicate'; message: StoredMessage }
  /** The clientId is taken in this room by another text or sender: nothing stored. */
  | { kind: 'conflict' }

/** Where history lives: SQLite by default, PostgreSQL for several instances, memory for benchmarks. */
export interface MessageStore {
  /** Resolves once the message is durable (or known already). */
  append(message: NewMessage): Promise<AppendOutcome>
  /** Up to `limit` messages before `seq` (or the latest, without one), oldest first. */
  before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]>
  /** Up to `limit` messages after `seq`, oldest first. */
  after(room: string, seq: number, limit: number): Promise<StoredMessage[]>
  /** The room's last seq, 0 when it has none. */
  lastSeq(room: string): Promise<number>
  /** Rejects when the database cannot be reached. */
  ping(): Promise<void>
  /**
   * Why messages cannot be stored right now, in words (the last write failed, and no
   * write or probe has succeeded since), or undefined when they can. Never message text.
   * Readiness reports it besides `ping`. Every store here has it; optional for stand-ins.
   */
  problem?(): string | undefined
  /** Finishes pending writes and closes. */
  close(): Promise<void>
}
