import type { ChangeRecord, MessageRecord, RoomChangeRecord, RoomRules } from './message-store.ts'
import type { UnreadRange } from './unread-range.ts'

/** One name's reaction with one emoji on one message; `seq` is the change that added it. */
export interface ReactionRow {
  room: string
  messageSeq: number
  emoji: string
  /** The name's key (`usernameKey`): one reaction per name and emoji. */
  userKey: string
  username: string
  seq: number
}

/**
 * The reads each store answers from its own tables, oldest first. The log's pages and
 * the write planner are built on them, the same for every store.
 */
export interface LogReads {
  lastSeq(room: string): Promise<number>
  /** Up to `limit` messages before `seq` (or the latest), oldest first. */
  messagesBefore(room: string, seq: number | undefined, limit: number): Promise<MessageRecord[]>
  /** Up to `limit` messages after `seq`, oldest first. */
  messagesAfter(room: string, seq: number, limit: number): Promise<MessageRecord[]>
  /** Up to `limit` changes to messages after `seq`, oldest first. */
  changesAfter(room: string, seq: number, limit: number): Promise<ChangeRecord[]>
  /**
   * How many messages after `after` and up to `through` are neither deleted nor written by
   * `author` (a session hash; messages without one count), up to `limit`, among the newest
   * `UNREAD_SCAN_MESSAGES` of that range: exact unless it holds more, one short read either way.
   */
  unreadCount(room: string, range: UnreadRange): Promise<number>
  messagesAt(room: string, seqs: readonly number[]): Promise<MessageRecord[]>
  /** The reactions on these messages, oldest first. */
  reactionsOn(room: string, seqs: readonly number[]): Promise<ReactionRow[]>
  messagesByClientId(room: string, clientIds: readonly string[]): Promise<MessageRecord[]>
  /** Changes to messages (not to the room) under these client ids. */
  changesByClientId(room: string, clientIds: readonly string[]): Promise<ChangeRecord[]>
  /** The room's rules: undefined when it never existed, the defaults when it has a log but no rules. */
  roomRules(room: string): Promise<RoomRules | undefined>
  /** Up to `limit` changes to the room after `seq`, oldest first. */
  roomChangesAfter(room: string, seq: number, limit: number): Promise<RoomChangeRecord[]>
  /** Up to `limit` changes to the room before `seq` (or the latest), newest first. */
  roomChangesBefore(room: string, seq: number | undefined, limit: number): Promise<RoomChangeRecord[]>
  roomChangesByClientId(room: string, clientIds: readonly string[]): Promise<RoomChangeRecord[]>
  /** The names of the private rooms. */
  privateRooms(): Promise<string[]>
}
