import type { Database } from 'bun:sqlite'
import type { LogReads } from './log-reads.ts'
import { toChange, toMessage, toReaction } from './stored-rows.ts'

type Room = { room: string }
type Page = Room & { seq: number; limit: number }
/** A list of seqs or ids, bound as one JSON array and read back with `json_each`. */
type List = Room & { list: string }

/** The log's reads on prepared statements of one `bun:sqlite` connection. */
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
      'SELECT * FROM changes WHERE room = $room AND seq > $seq ORDER BY seq LIMIT $limit',
    ),
    at: db.query<unknown, List>(
      'SELECT * FROM messages WHERE room = $room AND seq IN (SELECT value FROM json_each($list))',
    ),
    reactions: db.query<unknown, List>(
      'SELECT * FROM reactions WHERE room = $room AND message_seq IN (SELECT value FROM json_each($list)) ORDER BY seq',
    ),
    messagesByClientId: db.query<unknown, List>(
      'SELECT * FROM messages WHERE room = $room AND client_id IN (SELECT value FROM json_each($list))',
    ),
    changesByClientId: db.query<unknown, List>(
      'SELECT * FROM changes WHERE room = $room AND client_id IN (SELECT value FROM json_each($list))',
    ),
    ping: db.query('SELECT 1'),
  }
  const list = (room: string, values: readonly (number | string)[]) => ({ room, list: JSON.stringify(values) })
  return {
    lastSeq: async (room) => q.lastSeq.get({ room })?.last_seq ?? 0,
    messagesBefore: async (room, seq, limit) =>
      (seq === undefined ? q.latest.all({ room, limit }) : q.before.all({ room, seq, limit })).map(toMessage).reverse(),
    messagesAfter: async (room, seq, limit) => q.after.all({ room, seq, limit }).map(toMessage),
    changesAfter: async (room, seq, limit) => q.changesAfter.all({ room, seq, limit }).map(toChange),
    messagesAt: async (room, seqs) => q.at.all(list(room, seqs)).map(toMessage),
    reactionsOn: async (room, seqs) => q.reactions.all(list(room, seqs)).map(toReaction),
    messagesByClientId: async (room, ids) => q.messagesByClientId.all(list(room, ids)).map(toMessage),
    changesByClientId: async (room, ids) => q.changesByClientId.all(list(room, ids)).map(toChange),
    ping: () => void q.ping.get(),
  }
}
