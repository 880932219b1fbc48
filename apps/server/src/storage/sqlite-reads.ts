import type { Database } from 'bun:sqlite'
import type { LogReads } from './log-reads.ts'
import { rulesOfRow, toRoomChange } from './room-rows.ts'
import { toChange, toMessage, toReaction } from './stored-rows.ts'
import { UNREAD_SCAN_MESSAGES, type UnreadRange } from './unread-range.ts'

type Room = { room: string }
type Page = Room & { seq: number; limit: number }
type AtSeq = Room & { seq: number }
type ById = Room & { clientId: string }

/** The rows that point lookups found. */
const found = (rows: unknown[]): unknown[] => rows.filter((row) => row !== null && row !== undefined)

/**
 * The log's reads on prepared statements of one `bun:sqlite` connection. Lists are read
 * one key at a time, each an indexed lookup: cheaper here than one query over a bound list.
 */
export function sqliteReads(db: Database): LogReads & { ping(): void } {
  const q = {
    lastSeq: db.query<{ last_seq: number }, Room>('SELECT last_seq FROM rooms WHERE name = $room'),
    latest: db.query<unknown, Room & { limit: number }>(
      'SELECT * FROM messages WHERE room = $room ORDER BY seq DESC LIMIT $limit',
    ),
    before: db.query<unknown, Page>(
      'SELECT * FROM messages WHERE room = $room AND seq < $seq ORDER BY seq DESC LIMIT $limit',
    ),
    after: db.query<unknown, Page>(
      'SELECT * FROM messages WHERE room = $room AND seq > $seq ORDER BY seq LIMIT $limit',
    ),
    changesAfter: db.query<unknown, Page>(
      'SELECT * FROM changes WHERE room = $room AND seq > $seq AND message_seq > 0 ORDER BY seq LIMIT $limit',
    ),
    rules: db.query<{ last_seq: number; rules: string | null }, Room>(
      'SELECT last_seq, rules FROM rooms WHERE name = $room',
    ),
    roomChangesAfter: db.query<unknown, Page>(
      'SELECT * FROM changes WHERE room = $room AND seq > $seq AND message_seq = 0 ORDER BY seq LIMIT $limit',
    ),
    roomChangesBefore: db.query<unknown, Page>(
      'SELECT * FROM changes WHERE room = $room AND seq < $seq AND message_seq = 0 ORDER BY seq DESC LIMIT $limit',
    ),
    roomChangeByClientId: db.query<unknown, ById>(
      'SELECT * FROM changes WHERE room = $room AND client_id = $clientId AND message_seq = 0',
    ),
    privateRooms: db.query<{ name: string }, []>(
      "SELECT name FROM rooms WHERE rules IS NOT NULL AND json_extract(rules, '$.private') = 1 ORDER BY name",
    ),
    unread: db.query<{ n: number }, Room & UnreadRange & { scan: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM (SELECT author, deleted_at FROM messages
         WHERE room = $room AND seq > $after AND seq <= $through ORDER BY seq DESC LIMIT $scan)
         WHERE deleted_at IS NULL AND author IS NOT $author LIMIT $limit)`,
    ),
    at: db.query<unknown, AtSeq>('SELECT * FROM messages WHERE room = $room AND seq = $seq'),
    reactions: db.query<unknown, AtSeq>('SELECT * FROM reactions WHERE room = $room AND message_seq = $seq'),
    messageByClientId: db.query<unknown, ById>('SELECT * FROM messages WHERE room = $room AND client_id = $clientId'),
    changeByClientId: db.query<unknown, ById>(
      'SELECT * FROM changes WHERE room = $room AND client_id = $clientId AND message_seq > 0',
    ),
    ping: db.query('SELECT 1'),
  }
  return {
    lastSeq: async (room) => q.lastSeq.get({ room })?.last_seq ?? 0,
    messagesBefore: async (room, seq, limit) =>
      (seq === undefined ? q.latest.all({ room, limit }) : q.before.all({ room, seq, limit })).map(toMessage).reverse(),
    messagesAfter: async (room, seq, limit) => q.after.all({ room, seq, limit }).map(toMessage),
    changesAfter: async (room, seq, limit) => q.changesAfter.all({ room, seq, limit }).map(toChange),
    unreadCount: async (room, range) => q.unread.get({ room, ...range, scan: UNREAD_SCAN_MESSAGES })?.n ?? 0,
    messagesAt: async (room, seqs) => found(seqs.map((seq) => q.at.get({ room, seq }))).map(toMessage),
    reactionsOn: async (room, seqs) =>
      seqs
        .flatMap((seq) => q.reactions.all({ room, seq }))
        .map(toReaction)
        .sort((a, b) => a.seq - b.seq),
    messagesByClientId: async (room, ids) =>
      found(ids.map((clientId) => q.messageByClientId.get({ room, clientId }))).map(toMessage),
    changesByClientId: async (room, ids) =>
      found(ids.map((clientId) => q.changeByClientId.get({ room, clientId }))).map(toChange),
    roomRules: async (room) => rulesOfRow(q.rules.get({ room }) ?? undefined),
    roomChangesAfter: async (room, seq, limit) => q.roomChangesAfter.all({ room, seq, limit }).map(toRoomChange),
    roomChangesBefore: async (room, seq, limit) =>
      q.roomChangesBefore.all({ room, seq: seq ?? Number.MAX_SAFE_INTEGER, limit }).map(toRoomChange),
    roomChangesByClientId: async (room, ids) =>
      found(ids.map((clientId) => q.roomChangeByClientId.get({ room, clientId }))).map(toRoomChange),
    privateRooms: async () => q.privateRooms.all().map((row) => row.name),
    ping: () => void q.ping.get(),
  }
}
