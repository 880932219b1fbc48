import { roomChangeKindSchema } from '@parley/events'
import { z } from 'zod'
import type { RoomChangeRecord, RoomRules } from './message-store.ts'
import type { ChangeRow } from './stored-rows.ts'

const personSchema = z.object({ name: z.string(), author: z.string() })

const sanctionSchema = z.object({
  key: z.string(),
  name: z.string(),
  author: z.string().optional(),
  until: z.number().optional(),
  addresses: z.array(z.string()).optional(),
})

/** The `rules` column of `rooms`: a room's `RoomRules` as JSON. */
const rulesSchema = z.object({
  owner: personSchema.optional(),
  moderators: z.array(personSchema),
  private: z.boolean(),
  invite: z.string().optional(),
  topic: z.string(),
  slowModeSeconds: z.number().int().min(0),
  mutes: z.array(sanctionSchema),
  bans: z.array(sanctionSchema),
  members: z.array(z.string()),
  direct: z.array(z.string()).optional(),
})

/** The rules of a room that has none stored: made before owners existed, or not yet given any. */
export function defaultRules(): RoomRules {
  return { moderators: [], private: false, topic: '', slowModeSeconds: 0, mutes: [], bans: [], members: [] }
}

/** The rules a `rules` column holds, checked. */
export function parseRules(text: string): RoomRules {
  const parsed = rulesSchema.parse(JSON.parse(text))
  const rules: RoomRules = { ...parsed, mutes: parsed.mutes.map(sanction), bans: parsed.bans.map(sanction) }
  if (parsed.owner === undefined) delete rules.owner
  if (parsed.invite === undefined) delete rules.invite
  if (parsed.direct === undefined) delete rules.direct
  return rules
}

/** A sanction without the keys zod leaves as undefined, so that it compares equal to the one written. */
function sanction(parsed: z.infer<typeof sanctionSchema>): RoomRules['mutes'][number] {
  const { author, until, addresses, ...rest } = parsed
  return {
    ...rest,
    ...(author !== undefined && { author }),
    ...(until !== undefined && { until }),
    ...(addresses !== undefined && { addresses }),
  }
}

/**
 * A room's rules as a row of `rooms` holds them: undefined when the room never existed
 * (no row, or a row that a writer locked but wrote nothing to), the default rules when it
 * has a log but no rules (made before owners existed).
 */
export function rulesOfRow(
  row: { last_seq: number | string; rules: string | null } | undefined,
): RoomRules | undefined {
  if (!row) return undefined
  if (row.rules !== null) return parseRules(row.rules)
  return Number(row.last_seq) > 0 ? defaultRules() : undefined
}

/** What a `rooms` row's rules are written as. */
export type RulesRow = { name: string; rules: string }

export const toRulesRow = (room: string, rules: RoomRules): RulesRow => ({ name: room, rules: JSON.stringify(rules) })

/** The `detail` column of a change to a room. */
const detailSchema = z.object({
  target: z.string().optional(),
  until: z.number().optional(),
  address: z.boolean().optional(),
  topic: z.string().optional(),
  slowModeSeconds: z.number().optional(),
})

const roomChangeRowSchema = z.object({
  room: z.string(),
  seq: z.coerce.number(),
  kind: roomChangeKindSchema,
  username: z.string(),
  client_id: z.string(),
  created_at: z.coerce.number(),
  detail: z.string().nullable(),
})

/** A row of `changes` with `message_seq` 0, as the database returns it. */
export function toRoomChange(row: unknown): RoomChangeRecord {
  const r = roomChangeRowSchema.parse(row)
  const change: RoomChangeRecord = {
    room: r.room,
    seq: r.seq,
    kind: r.kind,
    username: r.username,
    clientId: r.client_id,
    timestamp: r.created_at,
  }
  if (r.detail !== null) {
    const detail = detailSchema.parse(JSON.parse(r.detail))
    if (detail.target !== undefined) change.target = detail.target
    if (detail.until !== undefined) change.until = detail.until
    if (detail.address !== undefined) change.address = detail.address
    if (detail.topic !== undefined) change.topic = detail.topic
    if (detail.slowModeSeconds !== undefined) change.slowModeSeconds = detail.slowModeSeconds
  }
  return change
}

/** A change to a room as a row of `changes`: at message 0, what it acted on in `detail`. */
export function toRoomChangeRow(change: RoomChangeRecord): ChangeRow {
  const { target, until, address, topic, slowModeSeconds } = change
  const detail = { target, until, address, topic, slowModeSeconds }
  const some = Object.values(detail).some((value) => value !== undefined)
  return {
    room: change.room,
    seq: change.seq,
    message_seq: 0,
    kind: change.kind,
    username: change.username,
    client_id: change.clientId,
    emoji: null,
    created_at: change.timestamp,
    detail: some ? JSON.stringify(detail) : null,
  }
}
