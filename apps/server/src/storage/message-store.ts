import type { Attachment, RoomChange } from '@parley/events'
import type { SearchQuery } from '../search/search-query.ts'
import type { ReadMarks } from './read-marks.ts'
import type { UnreadRange } from './unread-range.ts'

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

/** One place in a room's log: a message, a change with the message it changed, or a change to the room, as they stand now. */
export type LogEntry =
  | { kind: 'message'; message: StoredMessage }
  | { kind: 'change'; change: ChangeRecord; message: StoredMessage }
  | { kind: 'room'; change: RoomChangeRecord; rules: RoomRules }

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

/** A name and the session that held it (`NewMessage.author`): how a room's rules know a person. */
export interface RoomPerson {
  name: string
  author: string
}

/** A mute or ban of one name in one room, until a time or for good. */
export interface Sanction {
  /** The name's key (`usernameKey`). */
  key: string
  name: string
  /** The session that held the name when it was sanctioned, if it was there: refused under any name. */
  author?: string
  /** When it ends (server clock, ms); absent: for good. */
  until?: number
  /** A ban by address too: the addresses it connected from. Never sent to clients. */
  addresses?: string[]
}

/** Everything a room's rules hold, stored with the room. Clients see only the public part (topic, privacy, slow mode, names). */
export interface RoomRules {
  owner?: RoomPerson
  moderators: RoomPerson[]
  private: boolean
  /** A private room's current invite token. */
  invite?: string
  topic: string
  slowModeSeconds: number
  mutes: Sanction[]
  bans: Sanction[]
  /** A private room's members: the sessions (author hashes) its invite admitted, and its creator's. */
  members: string[]
  /** A direct conversation: the two people's names (their sessions are `members`); no owner, invite or moderators. */
  direct?: string[]
}

/** What a change to a room asks for. `create` and `admit` take no place in the log; the others do. */
export type RoomAction =
  /**
   * Make the room, owned by the asking session, unless it exists. With `direct`, a direct
   * conversation instead: private, owned by nobody, for the sessions in `members` only.
   */
  | { kind: 'create'; private: boolean; invite?: string; direct?: { names: string[]; members: string[] } }
  /** A private room's invite admits the asking session as a member. */
  | { kind: 'admit'; invite: string }
  | { kind: 'topic'; topic: string }
  | { kind: 'slowMode'; seconds: number }
  | { kind: 'owner'; target: RoomPerson }
  | { kind: 'moderator'; target: RoomPerson; add: boolean }
  /** `target.author` when the name is held now: then that session is muted or banned under any name. */
  | { kind: 'mute'; target: { name: string; author?: string }; until?: number }
  | { kind: 'unmute'; target: { name: string } }
  /** A private room also forgets the session as a member. */
  | { kind: 'remove'; target: { name: string; author?: string } }
  | { kind: 'ban'; target: { name: string; author?: string }; until?: number; addresses: string[] }
  | { kind: 'unban'; target: { name: string } }
  | { kind: 'rotateInvite'; invite: string }

/** A change to a room asked for, by whom, with what rights beyond the room's own. */
export interface NewRoomChange {
  room: string
  clientId: string
  username: string
  author: string | undefined
  timestamp: number
  /** The asking connection acts as the operator: every right in every room. */
  operator: boolean
  action: RoomAction
}

/** What a change to a room did: the kinds the wire carries. */
export type RoomChangeKind = RoomChange['change']

/** A change to a room as the log keeps it (with `ChangeRecord`s, at `target` 0): never an address or an invite. */
export interface RoomChangeRecord {
  room: string
  seq: number
  kind: RoomChangeKind
  /** Who made it. */
  username: string
  clientId: string
  timestamp: number
  /** The name acted on. */
  target?: string
  until?: number
  /** A ban that covers addresses. */
  address?: boolean
  /** The topic a `topic` change set. */
  topic?: string
  /** The seconds a `slowMode` change set. */
  slowModeSeconds?: number
}

export type RoomChangeOutcome =
  /** Changed now, at its own seq. */
  | { kind: 'changed'; change: RoomChangeRecord; rules: RoomRules }
  /** `create` made the room, or `admit` admitted the session (nothing in the log). */
  | { kind: 'done'; rules: RoomRules }
  /** Changed before under this clientId. */
  | { kind: 'duplicate'; change: RoomChangeRecord; rules: RoomRules }
  /** Nothing to change (the same topic; `create` of a room that exists; `admit` of a member). */
  | { kind: 'unchanged'; rules: RoomRules }
  | { kind: 'refused'; reason: string }

/** A page of search results to find: the query, the order, and where the last page ended. */
export interface SearchRequest {
  query: SearchQuery
  order: 'newest' | 'relevance'
  /** The `nextCursor` of the page before; the first page without one. */
  cursor?: string
  limit: number
  /** Rooms whose messages must not be found (private rooms the asker is not in). */
  hiddenRooms?: readonly string[]
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
  /** How many messages in the range are not deleted and not its `author`'s, up to its `limit` (see `LogReads`). */
  unreadCount(room: string, range: UnreadRange): Promise<number>
  /** Resolves once the change to the room is durable, or says why there is none. Rights are checked here, against the rules as stored. */
  roomChange(change: NewRoomChange): Promise<RoomChangeOutcome>
  /**
   * A room's rules; undefined when the room never existed (no entry in its log and never
   * created). A room from before owners existed has rules without an owner.
   */
  roomRules(room: string): Promise<RoomRules | undefined>
  /** Up to `limit` changes to the room before `seq` (or the latest), newest first: the moderation record. */
  roomChangesBefore(room: string, seq: number | undefined, limit: number): Promise<RoomChangeRecord[]>
  /** The names of every private room. */
  privateRooms(): Promise<string[]>
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
