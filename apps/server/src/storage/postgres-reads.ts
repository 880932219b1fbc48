import type { SQL } from 'bun'
import { z } from 'zod'
import type { LogReads } from './log-reads.ts'
import { rulesOfRow, toRoomChange } from './room-rows.ts'
import { toChange, toMessage, toReaction } from './stored-rows.ts'
import { UNREAD_SCAN_MESSAGES } from './unread-range.ts'

/** The columns a message is read with (not `search`, the index's tsvector, which nothing here reads). */
const MESSAGE_COLUMNS =
  'room, seq, message_id, client_id, username, body, created_at, reply_to, author, edited_at, deleted_at, rev, files'

const rulesRowSchema = z.object({ last_seq: z.coerce.number(), rules: z.string().nullable() })

/** The log's reads through Bun's SQL client, or inside one of its transactions. */
export function postgresReads(sql: SQL): LogReads {
  const columns = sql.unsafe(MESSAGE_COLUMNS)
  return {
    async lastSeq(room) {
      const [row] = await sql`SELECT last_seq FROM rooms WHERE name = ${room}`
      return row ? Number(row.last_seq) : 0
    },
    async messagesBefore(room, seq, limit) {
      const rows =
        seq === undefined
          ? await sql`SELECT ${columns} FROM messages WHERE room = ${room} ORDER BY seq DESC LIMIT ${limit}`
          : await sql`SELECT ${columns} FROM messages WHERE room = ${room} AND seq < ${seq} ORDER BY seq DESC LIMIT ${limit}`
      return rows.map(toMessage).reverse()
    },
    async messagesAfter(room, seq, limit) {
      const rows =
        await sql`SELECT ${columns} FROM messages WHERE room = ${room} AND seq > ${seq} ORDER BY seq LIMIT ${limit}`
      return rows.map(toMessage)
    },
    async changesAfter(room, seq, limit) {
      const rows =
        await sql`SELECT * FROM changes WHERE room = ${room} AND seq > ${seq} AND message_seq > 0 ORDER BY seq LIMIT ${limit}`
      return rows.map(toChange)
    },
    async unreadCount(room, { after, through, author, limit }) {
      const [row] = await sql`SELECT count(*) AS n FROM (SELECT 1 FROM (SELECT author, deleted_at FROM messages
        WHERE room = ${room} AND seq > ${after} AND seq <= ${through} ORDER BY seq DESC LIMIT ${UNREAD_SCAN_MESSAGES}) AS newest
        WHERE deleted_at IS NULL AND author IS DISTINCT FROM ${author} LIMIT ${limit}) AS unread`
      return row ? Number(row.n) : 0
    },
    async messagesAt(room, seqs) {
      if (seqs.length === 0) return []
      return (await sql`SELECT ${columns} FROM messages WHERE room = ${room} AND seq IN ${sql(seqs)}`).map(toMessage)
    },
    async reactionsOn(room, seqs) {
      if (seqs.length === 0) return []
      const rows = await sql`SELECT * FROM reactions WHERE room = ${room} AND message_seq IN ${sql(seqs)} ORDER BY seq`
      return rows.map(toReaction)
    },
    async messagesByClientId(room, ids) {
      if (ids.length === 0) return []
      return (await sql`SELECT ${columns} FROM messages WHERE room = ${room} AND client_id IN ${sql(ids)}`).map(
        toMessage,
      )
    },
    async changesByClientId(room, ids) {
      if (ids.length === 0) return []
      const rows =
        await sql`SELECT * FROM changes WHERE room = ${room} AND client_id IN ${sql(ids)} AND message_seq > 0`
      return rows.map(toChange)
    },
    async roomRules(room) {
      const [row] = await sql`SELECT last_seq, rules FROM rooms WHERE name = ${room}`
      return rulesOfRow(row ? rulesRowSchema.parse(row) : undefined)
    },
    async roomChangesAfter(room, seq, limit) {
      const rows =
        await sql`SELECT * FROM changes WHERE room = ${room} AND seq > ${seq} AND message_seq = 0 ORDER BY seq LIMIT ${limit}`
      return rows.map(toRoomChange)
    },
    async roomChangesBefore(room, seq, limit) {
      const below = seq ?? Number.MAX_SAFE_INTEGER
      const rows =
        await sql`SELECT * FROM changes WHERE room = ${room} AND seq < ${below} AND message_seq = 0 ORDER BY seq DESC LIMIT ${limit}`
      return rows.map(toRoomChange)
    },
    async roomChangesByClientId(room, ids) {
      if (ids.length === 0) return []
      const rows =
        await sql`SELECT * FROM changes WHERE room = ${room} AND client_id IN ${sql(ids)} AND message_seq = 0`
      return rows.map(toRoomChange)
    },
    async privateRooms() {
      const rows =
        await sql`SELECT name FROM rooms WHERE rules IS NOT NULL AND (rules::jsonb ->> 'private') = 'true' ORDER BY name COLLATE "C"`
      return z
        .array(z.object({ name: z.string() }))
        .parse([...rows])
        .map((row) => row.name)
    },
  }
}
