import type { LogReads, ReactionRow } from './log-reads.ts'
import type {
  AroundPage,
  ChangeRecord,
  LogEntry,
  MessageRecord,
  ReactionRecord,
  RoomChangeRecord,
  StoredMessage,
} from './message-store.ts'
import { defaultRules } from './room-rows.ts'

/** One place in the log, before its messages are read as they stand. */
type RawEntry = { seq: number } & (
  | { message: MessageRecord }
  | { change: ChangeRecord }
  | { roomChange: RoomChangeRecord }
)

/** Groups reaction rows by message, then by emoji in the order each emoji first came. */
export function groupReactions(rows: readonly ReactionRow[]): Map<number, ReactionRecord[]> {
  const byMessage = new Map<number, Map<string, string[]>>()
  for (const row of rows) {
    const emoji = byMessage.get(row.messageSeq) ?? new Map<string, string[]>()
    byMessage.set(row.messageSeq, emoji)
    const users = emoji.get(row.emoji)
    if (users) users.push(row.username)
    else emoji.set(row.emoji, [row.username])
  }
  const grouped = new Map<number, ReactionRecord[]>()
  for (const [seq, emoji] of byMessage)
    grouped.set(
      seq,
      [...emoji].map(([e, users]) => ({ emoji: e, users })),
    )
  return grouped
}

/** A copy of a message record as it stands for a reader, given its reactions and the messages it may quote. */
export function standing(
  record: MessageRecord,
  reactions: ReadonlyMap<number, ReactionRecord[]>,
  quotable: ReadonlyMap<number, MessageRecord>,
): StoredMessage {
  const message: StoredMessage = {
    ...record,
    reactions: record.deletedAt !== undefined ? [] : (reactions.get(record.seq) ?? []),
  }
  const quoted = record.replyTo === undefined ? undefined : quotable.get(record.replyTo)
  if (quoted) {
    message.quote = {
      seq: quoted.seq,
      username: quoted.username,
      body: quoted.body,
      deleted: quoted.deletedAt !== undefined,
    }
  }
  return message
}

/** Adds reactions and quotes to message records, with the fewest reads. */
export async function withDetails(
  reads: LogReads,
  room: string,
  records: readonly MessageRecord[],
): Promise<StoredMessage[]> {
  if (records.length === 0) return []
  const bySeq = new Map(records.map((record) => [record.seq, record]))
  const missing = [
    ...new Set(records.flatMap((r) => (r.replyTo !== undefined && !bySeq.has(r.replyTo) ? [r.replyTo] : []))),
  ]
  const [reactionRows, quoted] = await Promise.all([
    reads.reactionsOn(room, [...bySeq.keys()]),
    missing.length > 0 ? reads.messagesAt(room, missing) : [],
  ])
  for (const record of quoted) bySeq.set(record.seq, record)
  const reactions = groupReactions(reactionRows)
  return records.map((record) => standing(record, reactions, bySeq))
}

/** The log's pages, built on a store's reads. */
export class LogViews {
  readonly #reads: LogReads

  constructor(reads: LogReads) {
    this.#reads = reads
  }

  async before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]> {
    return withDetails(this.#reads, room, await this.#reads.messagesBefore(room, seq, limit))
  }

  /**
   * The entries after `seq`: its messages, changes to messages and changes to the room merged
   * by seq, the first `limit` of them; changes to the room with the room's rules as they stand.
   */
  async after(room: string, seq: number, limit: number): Promise<LogEntry[]> {
    const [messages, changes, roomChanges] = await Promise.all([
      this.#reads.messagesAfter(room, seq, limit),
      this.#reads.changesAfter(room, seq, limit),
      this.#reads.roomChangesAfter(room, seq, limit),
    ])
    const entries: RawEntry[] = [
      ...messages.map((message) => ({ seq: message.seq, message })),
      ...changes.map((change) => ({ seq: change.seq, change })),
      ...roomChanges.map((roomChange) => ({ seq: roomChange.seq, roomChange })),
    ]
    entries.sort((a, b) => a.seq - b.seq)
    entries.length = Math.min(entries.length, limit)
    const inPage = new Map<number, MessageRecord>()
    for (const entry of entries) if ('message' in entry) inPage.set(entry.seq, entry.message)
    const targets = [
      ...new Set(entries.flatMap((e) => ('change' in e && !inPage.has(e.change.target) ? [e.change.target] : []))),
    ]
    const records = [...inPage.values(), ...(targets.length > 0 ? await this.#reads.messagesAt(room, targets) : [])]
    const [details, rules] = await Promise.all([
      withDetails(this.#reads, room, records),
      entries.some((entry) => 'roomChange' in entry) ? this.#reads.roomRules(room) : undefined,
    ])
    const shown = new Map(details.map((message) => [message.seq, message]))
    return entries.flatMap((entry): LogEntry[] => {
      if ('roomChange' in entry) return [{ kind: 'room', change: entry.roomChange, rules: rules ?? defaultRules() }]
      if ('message' in entry) {
        const message = shown.get(entry.seq)
        return message ? [{ kind: 'message', message }] : []
      }
      const message = shown.get(entry.change.target)
      return message ? [{ kind: 'change', change: entry.change, message }] : []
    })
  }

  /** Half the page up to and including `seq`, the rest after it. */
  async around(room: string, seq: number, limit: number): Promise<AroundPage> {
    const olderCount = Math.ceil(limit / 2)
    const [older, newer] = await Promise.all([
      this.#reads.messagesBefore(room, seq + 1, olderCount + 1),
      this.#reads.messagesAfter(room, seq, limit - olderCount + 1),
    ])
    const hasOlder = older.length > olderCount
    const hasNewer = newer.length > limit - olderCount
    const page = [...(hasOlder ? older.slice(1) : older), ...(hasNewer ? newer.slice(0, -1) : newer)]
    return { messages: await withDetails(this.#reads, room, page), hasOlder, hasNewer }
  }
}
