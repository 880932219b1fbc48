import type { SQL } from 'bun'
import { z } from 'zod'
import type { MessageRecord } from './message-store.ts'
import type { LogOps } from './plan-writes.ts'
import { toRoomChangeRow, toRulesRow } from './room-rows.ts'
import { toChangeRow, toReactionRow, toRow, toUpdateRow } from './stored-rows.ts'

const lockedSchema = z.array(z.object({ name: z.string(), last_seq: z.coerce.number() }))

/**
 * Locks the rows of `rooms` in `rooms` (making the missing ones) until the transaction ends,
 * in one statement, and says where each room's log stands. Rooms are locked in byte order
 * of their names, as every writer of the database locks them, so two never deadlock.
 */
export async function lockRooms(tx: SQL, rooms: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx`
    INSERT INTO rooms AS r (name, last_seq)
    SELECT name, 0 FROM unnest(${[...rooms]}::text[]) AS u(name) ORDER BY name COLLATE "C"
    ON CONFLICT (name) DO UPDATE SET last_seq = r.last_seq
    RETURNING name, last_seq`
  return new Map(lockedSchema.parse([...rows]).map((row) => [row.name, row.last_seq]))
}

/**
 * Writes what the planner decided, each kind of write in one statement, every statement
 * sent at once (pipelined on the transaction's connection, run in the order sent): one
 * round trip.
 */
export async function applyOps(tx: SQL, ops: LogOps): Promise<void> {
  const statements: Promise<unknown>[] = []
  const send = (query: SQL.Query<unknown>) => statements.push(query.execute())
  if (ops.messages.length > 0) send(tx`INSERT INTO messages ${tx(ops.messages.map(toRow))}`)
  const updates = lastUpdateOfEach(ops.updates)
  if (updates.length > 0) {
    const column = <T>(pick: (message: MessageRecord) => T) => updates.map(pick)
    send(tx`
      UPDATE messages m SET body = u.body, edited_at = u.edited_at, deleted_at = u.deleted_at, rev = u.rev, files = u.files
      FROM unnest(${column((m) => m.room)}::text[], ${column((m) => m.seq)}::bigint[], ${column((m) => m.body)}::text[],
                  ${column((m) => m.editedAt ?? null)}::bigint[], ${column((m) => m.deletedAt ?? null)}::bigint[],
                  ${column((m) => m.rev ?? null)}::bigint[], ${column((m) => toUpdateRow(m).files)}::text[])
                  AS u(room, seq, body, edited_at, deleted_at, rev, files)
      WHERE m.room = u.room AND m.seq = u.seq`)
  }
  const changes = [...ops.changes.map(toChangeRow), ...ops.roomChanges.map(toRoomChangeRow)]
  if (changes.length > 0) send(tx`INSERT INTO changes ${tx(changes)}`)
  const removed = ops.reactionsRemoved
  if (removed.length > 0) {
    send(tx`
      DELETE FROM reactions r
      USING unnest(${removed.map((x) => x.room)}::text[], ${removed.map((x) => x.messageSeq)}::bigint[],
                   ${removed.map((x) => x.emoji)}::text[], ${removed.map((x) => x.userKey)}::text[]) AS d(room, message_seq, emoji, user_key)
      WHERE r.room = d.room AND r.message_seq = d.message_seq AND r.emoji = d.emoji AND r.user_key = d.user_key`)
  }
  const cleared = ops.reactionsCleared
  if (cleared.length > 0) {
    send(tx`
      DELETE FROM reactions r
      USING unnest(${cleared.map((x) => x.room)}::text[], ${cleared.map((x) => x.messageSeq)}::bigint[]) AS d(room, message_seq)
      WHERE r.room = d.room AND r.message_seq = d.message_seq`)
  }
  if (ops.reactionsAdded.length > 0) send(tx`INSERT INTO reactions ${tx(ops.reactionsAdded.map(toReactionRow))}`)
  const advances = ops.advances
  if (advances.length > 0) {
    send(tx`
      UPDATE rooms r SET last_seq = a.last_seq
      FROM unnest(${advances.map((a) => a.room)}::text[], ${advances.map((a) => a.to)}::bigint[]) AS a(name, last_seq)
      WHERE r.name = a.name`)
  }
  const rules = ops.rules
  if (rules.length > 0) {
    const rows = rules.map(({ room, rules }) => toRulesRow(room, rules))
    send(tx`
      INSERT INTO rooms AS r (name, last_seq, rules)
      SELECT name, 0, rules FROM unnest(${rows.map((x) => x.name)}::text[], ${rows.map((x) => x.rules)}::text[]) AS x(name, rules)
      ON CONFLICT (name) DO UPDATE SET rules = excluded.rules`)
  }
  await Promise.all(statements)
}

/** A message changed several times in one batch is written once, as the last change left it. */
function lastUpdateOfEach(updates: readonly MessageRecord[]): MessageRecord[] {
  const last = new Map<string, MessageRecord>()
  for (const update of updates) last.set(`${update.room}\n${update.seq}`, update)
  return [...last.values()]
}
