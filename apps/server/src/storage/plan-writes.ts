import { REACTIONS_MAX_PER_MESSAGE, usernameKey } from '@parley/events/rules'
import { emptyOps, type LogOps } from './log-ops.ts'
import type { LogReads, ReactionRow } from './log-reads.ts'
import { groupReactions, standing } from './log-views.ts'
import type {
  AppendOutcome,
  ChangeOutcome,
  ChangeRecord,
  MessageRecord,
  NewChange,
  NewMessage,
  NewRoomChange,
  RoomChangeOutcome,
  StoredMessage,
} from './message-store.ts'
import { DIFFERENT_CHANGE, RoomRulesState } from './plan-room-changes.ts'

export type { LogOps, SeqAdvance } from './log-ops.ts'

/** One write of a batch: a new message, a change to one, or a change to the room. */
export type LogWrite =
  | { kind: 'message'; message: NewMessage }
  | { kind: 'change'; change: NewChange }
  | { kind: 'room'; change: NewRoomChange }
export type WriteOutcome = AppendOutcome | ChangeOutcome | RoomChangeOutcome

export interface PlannedBatch {
  outcomes: WriteOutcome[]
  ops: LogOps
}

/** A room's last seq, which its writes follow; asked for every room at once (the store locks what it must before planning). */
export type RoomStart = (room: string) => Promise<number>

const NO_REACTIONS: ReadonlyMap<number, never[]> = new Map()

const refused = (reason: string) => ({ kind: 'refused', reason }) as const

const sameMessage = (a: NewMessage, b: NewMessage) => a.username === b.username && a.body === b.body

const changeKind = (change: NewChange): ChangeRecord['kind'] => {
  if (change.kind === 'edit') return 'edited'
  if (change.kind === 'delete') return 'deleted'
  return change.add ? 'reacted' : 'unreacted'
}

/** Whether an earlier change under the same clientId is this very change sent again. */
const sameChange = (earlier: ChangeRecord, change: NewChange) =>
  sameName(earlier.username, change.username) &&
  earlier.target === change.target &&
  earlier.kind === changeKind(change) &&
  earlier.emoji === (change.kind === 'react' ? change.emoji : undefined)

const sameName = (a: string, b: string) => usernameKey(a) === usernameKey(b)

/**
 * Decides a batch: gives each room's new messages and changes their seqs in order,
 * checks each change against the message as the earlier writes left it (its author,
 * the edit window, deletion, the reaction limit), and says what to write. Nothing is
 * written here; the store commits `ops` in one transaction.
 */
export async function planWrites(batch: readonly LogWrite[], reads: LogReads, start: RoomStart): Promise<PlannedBatch> {
  const outcomes = new Map<LogWrite, WriteOutcome>()
  const ops = emptyOps()
  const rooms = [...byRoom(batch)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  // Every room's reads at once (PostgreSQL pipelines them), then each room planned in name order.
  const loaded = await Promise.all(
    rooms.map(([room, writes]) =>
      Promise.all([start(room), RoomState.load(room, writes, reads), loadRules(room, writes, reads)]),
    ),
  )
  for (const [index, [room, writes]] of rooms.entries()) {
    const [from, state, rules] = loaded[index] as [number, RoomState, RoomRulesState]
    planRoom(room, writes, from, { state, rules }, ops, outcomes)
  }
  return { outcomes: batch.map((write) => outcomes.get(write) as WriteOutcome), ops }
}

function byRoom(batch: readonly LogWrite[]): Map<string, LogWrite[]> {
  const rooms = new Map<string, LogWrite[]>()
  for (const write of batch) {
    const room = write.kind === 'message' ? write.message.room : write.change.room
    const writes = rooms.get(room)
    if (writes) writes.push(write)
    else rooms.set(room, [write])
  }
  return rooms
}

/** The changes to a room need its rules and the room changes under the batch's change ids. */
function loadRules(room: string, writes: readonly LogWrite[], reads: LogReads): Promise<RoomRulesState> {
  const roomChanges = writes.flatMap((write) => (write.kind === 'room' ? [write.change] : []))
  const changeIds = writes.flatMap((write) => (write.kind === 'message' ? [] : [write.change.clientId]))
  return RoomRulesState.load(room, roomChanges, [...new Set(changeIds)], reads)
}

function planRoom(
  room: string,
  writes: LogWrite[],
  from: number,
  { state, rules }: { state: RoomState; rules: RoomRulesState },
  ops: LogOps,
  outcomes: Map<LogWrite, WriteOutcome>,
): void {
  let seq = from
  for (const write of writes) {
    if (write.kind === 'message') {
      const outcome = state.append(write.message, seq + 1, ops)
      if (outcome.kind === 'stored') seq += 1
      outcomes.set(write, outcome)
    } else if (write.kind === 'change') {
      // Changes to messages and to the room share the client ids of the room's changes.
      const outcome = rules.hasChangeId(write.change.clientId)
        ? refused(DIFFERENT_CHANGE)
        : state.change(write.change, seq + 1, ops)
      if (outcome.kind === 'changed') seq += 1
      outcomes.set(write, outcome)
    } else {
      const outcome = rules.apply(write.change, seq + 1, state.hasChangeId(write.change.clientId), ops)
      if (outcome.kind === 'changed') seq += 1
      outcomes.set(write, outcome)
    }
  }
  rules.finish(ops)
  if (seq > from) ops.advances.push({ room, from, to: seq })
}

/** The messages, reactions and ids a room's writes touch, as the writes before each one left them. */
class RoomState {
  readonly #room: string
  readonly #messages = new Map<number, MessageRecord>()
  readonly #messagesByClientId = new Map<string, MessageRecord>()
  readonly #changesByClientId = new Map<string, ChangeRecord>()
  readonly #reactions = new Map<number, ReactionRow[]>()

  private constructor(room: string) {
    this.#room = room
  }

  static async load(room: string, writes: readonly LogWrite[], reads: LogReads): Promise<RoomState> {
    const state = new RoomState(room)
    const messageIds = new Set<string>()
    const changeIds = new Set<string>()
    const targets = new Set<number>()
    for (const write of writes) {
      if (write.kind === 'message') {
        if (write.message.clientId !== undefined) messageIds.add(write.message.clientId)
        if (write.message.replyTo !== undefined) targets.add(write.message.replyTo)
      } else {
        changeIds.add(write.change.clientId)
        if (write.kind === 'change') targets.add(write.change.target)
      }
    }
    const [knownMessages, knownChanges] = await Promise.all([
      messageIds.size > 0 ? reads.messagesByClientId(room, [...messageIds]) : [],
      changeIds.size > 0 ? reads.changesByClientId(room, [...changeIds]) : [],
    ])
    for (const message of knownMessages) if (message.clientId) state.#messagesByClientId.set(message.clientId, message)
    for (const change of knownChanges) {
      state.#changesByClientId.set(change.clientId, change)
      targets.add(change.target)
    }
    if (targets.size === 0) return state
    const [records, reactions] = await Promise.all([
      reads.messagesAt(room, [...targets]),
      reads.reactionsOn(room, [...targets]),
    ])
    for (const record of records) state.#messages.set(record.seq, { ...record })
    for (const row of reactions) state.#reactionRows(row.messageSeq).push(row)
    // The messages that the changed ones answer, for their quotes.
    const quoted = [
      ...new Set(records.flatMap((r) => (r.replyTo !== undefined && !targets.has(r.replyTo) ? [r.replyTo] : []))),
    ]
    if (quoted.length > 0)
      for (const record of await reads.messagesAt(room, quoted)) state.#messages.set(record.seq, record)
    return state
  }

  /** Whether a change to a message already holds the client id. */
  hasChangeId(clientId: string): boolean {
    return this.#changesByClientId.has(clientId)
  }

  append(message: NewMessage, seq: number, ops: LogOps): AppendOutcome {
    const earlier = message.clientId === undefined ? undefined : this.#messagesByClientId.get(message.clientId)
    if (earlier)
      return sameMessage(earlier, message) ? { kind: 'duplicate', message: this.#show(earlier) } : { kind: 'conflict' }
    if (message.replyTo !== undefined) {
      const target = this.#messages.get(message.replyTo)
      if (!target) return refused(`Cannot reply: "${this.#room}" has no message ${message.replyTo}`)
      if (target.deletedAt !== undefined) return refused('Cannot reply: that message was deleted')
    }
    const record: MessageRecord = { ...message, seq }
    ops.messages.push(record)
    this.#messages.set(seq, record)
    if (message.clientId !== undefined) this.#messagesByClientId.set(message.clientId, record)
    return { kind: 'stored', message: this.#show(record) }
  }

  change(change: NewChange, seq: number, ops: LogOps): ChangeOutcome {
    const earlier = this.#changesByClientId.get(change.clientId)
    if (earlier) {
      if (!sameChange(earlier, change)) return refused(DIFFERENT_CHANGE)
      const message = this.#messages.get(earlier.target)
      return message
        ? { kind: 'duplicate', change: earlier, message: this.#show(message) }
        : refused('That message is gone')
    }
    const message = this.#messages.get(change.target)
    if (!message) return refused(`"${this.#room}" has no message ${change.target}`)
    const refusal = this.#refusal(change, message)
    if (refusal) return refused(refusal)
    const files = message.files
    if (!this.#apply(change, message, seq, ops)) return { kind: 'unchanged', message: this.#show(message) }
    const record: ChangeRecord = {
      room: this.#room,
      seq,
      target: change.target,
      kind: changeKind(change),
      username: change.username,
      clientId: change.clientId,
      timestamp: change.timestamp,
    }
    if (change.kind === 'react') record.emoji = change.emoji
    message.rev = seq
    ops.updates.push({ ...message })
    ops.changes.push(record)
    this.#changesByClientId.set(change.clientId, record)
    const outcome: ChangeOutcome = { kind: 'changed', change: record, message: this.#show(message) }
    if (change.kind === 'delete' && files) outcome.erasedFiles = files.map((file) => file.id)
    return outcome
  }

  #refusal(change: NewChange, message: MessageRecord): string | undefined {
    const verb = change.kind === 'edit' ? 'edit' : 'delete'
    if (change.kind === 'react') {
      if (message.deletedAt !== undefined) return 'That message was deleted'
      const distinct = new Set(this.#reactionRows(message.seq).map((row) => row.emoji))
      if (change.add && !distinct.has(change.emoji) && distinct.size >= REACTIONS_MAX_PER_MESSAGE) {
        return `A message can have at most ${REACTIONS_MAX_PER_MESSAGE} different reactions`
      }
      return undefined
    }
    if (change.kind === 'delete' && change.anyMessage) return undefined
    if (message.author === undefined || message.author !== change.author)
      return `You can only ${verb} your own messages`
    if (change.kind === 'delete') return undefined
    if (message.deletedAt !== undefined) return 'That message was deleted'
    if (change.windowMs > 0 && change.timestamp - message.timestamp > change.windowMs) {
      return `Messages can be edited for ${describeWindow(change.windowMs)} after sending`
    }
    return undefined
  }

  /** Changes `message` (and its reactions) in place and notes the writes; false when nothing changes. */
  #apply(change: NewChange, message: MessageRecord, seq: number, ops: LogOps): boolean {
    if (change.kind === 'edit') {
      if (message.body === change.body) return false
      message.body = change.body
      message.editedAt = change.timestamp
      return true
    }
    if (change.kind === 'delete') {
      if (message.deletedAt !== undefined) return false
      message.body = ''
      message.files = undefined
      message.deletedAt = change.timestamp
      this.#reactions.set(message.seq, [])
      ops.reactionsCleared.push({ room: this.#room, messageSeq: message.seq })
      // Reactions added earlier in this batch are not written at all (the store adds after it clears).
      remove(ops.reactionsAdded, (row) => row.room === this.#room && row.messageSeq === message.seq)
      ops.erased = true
      return true
    }
    const rows = this.#reactionRows(message.seq)
    const userKey = usernameKey(change.username)
    const index = rows.findIndex((row) => row.emoji === change.emoji && row.userKey === userKey)
    if (!change.add) {
      if (index < 0) return false
      const [row] = rows.splice(index, 1) as [ReactionRow]
      // Added earlier in this batch: not written at all (the store removes before it adds).
      if (!remove(ops.reactionsAdded, (added) => added === row)) ops.reactionsRemoved.push(row)
      return true
    }
    if (index >= 0) return false
    const row = {
      room: this.#room,
      messageSeq: message.seq,
      emoji: change.emoji,
      userKey,
      username: change.username,
      seq,
    }
    rows.push(row)
    ops.reactionsAdded.push(row)
    return true
  }

  #reactionRows(messageSeq: number): ReactionRow[] {
    const rows = this.#reactions.get(messageSeq) ?? []
    this.#reactions.set(messageSeq, rows)
    return rows
  }

  /** A copy of the message as it stands now, for an answer or a push. */
  #show(record: MessageRecord): StoredMessage {
    const rows = this.#reactions.get(record.seq)
    return standing(record, rows?.length ? groupReactions(rows) : NO_REACTIONS, this.#messages)
  }
}

/** Takes the items that match out of `list`, in place; whether there were any. */
function remove<T>(list: T[], matches: (item: T) => boolean): boolean {
  const before = list.length
  const kept = list.filter((item) => !matches(item))
  list.splice(0, list.length, ...kept)
  return kept.length < before
}

function describeWindow(ms: number): string {
  const minutes = ms / 60_000
  if (minutes >= 1 && Number.isInteger(minutes)) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  const seconds = Math.round(ms / 1000)
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}
