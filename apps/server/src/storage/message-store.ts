import type { Attachment } from '@parley/events'
import type { SearchQuery } from '../search/search-query.ts'
import type { ReadMarks } from './read-marks.ts'

/** A message to store; the store gives it its `seq`. */
export interface NewMessage {
  room: string
  messageId: string
  clientId: string | undefined
  username: string
  body: string
  timestamp: number
  /** The seq of the earlier message of the room that this one answers. */
  replyTo?: number
  /** A hash of the sender's session token: the session that may edit or delete it. */
  author?: string
  /** The files it carries, already stored; gone once it is deleted. */
  files?: Attachment[]
}

/** A message as its row holds it: `seq` is its place in the room's log, 1, 2, 3… with no gaps. */
export interface MessageRecord extends NewMessage {
  seq: number
  editedAt?: number
  /** When it was deleted: its text is then empty. */
  deletedAt?: number
  /** The seq of the latest change to it. */
  rev?: number
}

/** One emoji on a message and who reacted with it, earliest first. */
export interface ReactionRecord {
  emoji: string
  users: string[]
}

/** The message a reply answers, as it stands now. */
export interface QuotedMessage {
  seq: number
  username: string
  body: string
  deleted: boolean
}

/** A message as it stands, with its reactions and the message it answers. */
export interface StoredMessage extends MessageRecord {
  reactions: ReactionRecord[]
  quote?: QuotedMessage
}

export type ChangeKind = 'edited' | 'deleted' | 'reacted' | 'unreacted'

/** A change asked for: who asks, to which message, and what. */
export type NewChange = {
  room: string
  /** The seq of the message to change. */
  target: number
  clientId: string
  username: string
  /** The hash of the asking session's token, as `NewMessage.author`. */
  author: string | undefined
  timestamp: number
} & (
  | {
      kind: 'edit'
      body: string /** How long after sending the author may edit, in ms; 0: no limit. */
      windowMs: number
    }
  | {
      kind: 'delete'
      /** Asked by someone who may delete any message here (the operator), not only their own. */
      anyMessage?: boolean
    }
  | { kind: 'react'; emoji: string; add: boolean }
)

/** A change as the room's log keeps it: never any text. */
export interface ChangeRecord {
  room: string
  seq: number
  target: number
  kind: ChangeKind
  username: string
  clientId: string
  timestamp: number
  emoji?: string
}

/** One place in a room's log: a message, or a change with the message it changed, as it stands now. */
export type LogEntry =
  | { kind: 'message'; message: StoredMessage }
  | { kind: 'change'; change: ChangeRecord; message: StoredMessage }

export type AppendOutcome =
  /** Stored now, with a new seq. */
  | { kind: 'stored'; message: StoredMessage }
  /** The same sender sent the same text under this clientId before: that message. */
  | { kind: 'duplicate'; message: StoredMessage }
  /** The clientId is taken in this room by another text or sender: nothing stored. */
  | { kind: 'conflict' }
  /** Not stored, for the reason given in words (a reply to a message the room does not have). */
  | { kind: 'refused'; reason: string }

export type ChangeOutcome =
  /** Changed now, at the change's own seq. */
  | {
      kind: 'changed'
      change: ChangeRecord
      message: StoredMessage
      /** A deletion: the ids of the files the message carried, whose bytes go now. */
      erasedFiles?: string[]
    }
  /** Changed before under this clientId: that change, and the message as it stands. */
  | { kind: 'duplicate'; change: ChangeRecord; message: StoredMessage }
  /** Nothing to change (the same text, a reaction already there): the message as it stands. */
  | { kind: 'unchanged'; message: StoredMessage }
  /** Not allowed or not possible, in words. */
  | { kind: 'refused'; reason: string }

/** A page of search results to find: the query, the order, and where the last page ended. */
export interface SearchRequest {
  query: SearchQuery
  order: 'newest' | 'relevance'
  /** The `nextCursor` of the page before; the first page without one. */
  cursor?: string
  limit: number
}

/** A message that matches, as it stands. */
export interface SearchHit {
  room: string
  seq: number
  username: string
  body: string
  timestamp: number
}

export interface SearchPage {
  hits: SearchHit[]
  /** Where the next page starts, when there is one. */
  nextCursor?: string
}

/** Messages around a seq, oldest first, and whether more lie on either side. */
export interface AroundPage {
  messages: StoredMessage[]
  hasOlder: boolean
  hasNewer: boolean
}

/**
 * Where each room's log lives: SQLite by default, PostgreSQL for several instances,
 * memory for benchmarks. Messages and changes share one seq per room.
 */
export interface MessageStore {
  /** Resolves once the message is durable (or known already). */
  append(message: NewMessage): Promise<AppendOutcome>
  /** Resolves once the change is durable, or says why there is none. */
  change(change: NewChange): Promise<ChangeOutcome>
  /** Up to `limit` messages before `seq` (or the latest, without one), oldest first, as they stand. */
  before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]>
  /** Up to `limit` entries of the log after `seq`, in order. */
  after(room: string, seq: number, limit: number): Promise<LogEntry[]>
  /** About `limit` messages around `seq`, oldest first, as they stand. */
  around(room: string, seq: number, limit: number): Promise<AroundPage>
  /** The room's last seq, 0 when it has none. */
  lastSeq(room: string): Promise<number>
  /**
   * Messages that match, across rooms, never deleted ones; a cursor it did not give
   * out throws `SearchCursorError`. Undefined when this store's search is turned off.
   */
  search?(request: SearchRequest): Promise<SearchPage>
  /** Each session's read position and notification level per room, kept beside the logs. */
  readonly readMarks: ReadMarks
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
