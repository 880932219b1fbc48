import type { LogReads, ReactionRow } from './log-reads.ts'
import { memorySearch } from './memory-search.ts'
import type {
  ChangeRecord,
  MessageRecord,
  RoomChangeRecord,
  RoomRules,
  SearchPage,
  SearchRequest,
} from './message-store.ts'
import { type LogOps, type LogWrite, planWrites, type WriteOutcome } from './plan-writes.ts'
import { MemoryReadMarks } from './read-marks.ts'
import { RoomLogStore } from './room-log-store.ts'
import { defaultRules } from './room-rows.ts'
import { UNREAD_SCAN_MESSAGES } from './unread-range.ts'

/** One room's log in memory. */
interface MemoryRoom {
  lastSeq: number
  /** Messages in seq order. */
  messages: MessageRecord[]
  bySeq: Map<number, MessageRecord>
  changes: ChangeRecord[]
  messagesByClientId: Map<string, MessageRecord>
  changesByClientId: Map<string, ChangeRecord>
  reactions: ReactionRow[]
  roomChanges: RoomChangeRecord[]
  roomChangesByClientId: Map<string, RoomChangeRecord>
  /** Absent for a room that was never given rules. */
  rules?: RoomRules
}

/** The first index in `sorted` whose seq is above `seq`. */
function firstAfter(sorted: readonly { seq: number }[], seq: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as { seq: number }).seq <= seq) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The room logs in process memory, as the seed kept them: lost on restart. For
 * benchmarks (storage off) and throwaway demos; select it with `DATABASE_URL=memory:`.
 * Writes are batched and planned like the databases', so it behaves the same.
 */
export class MemoryMessageStore extends RoomLogStore {
  readonly #rooms: Map<string, MemoryRoom>
  readonly #reads: LogReads
  readonly readMarks = new MemoryReadMarks()
  readonly search?: (request: SearchRequest) => Promise<SearchPage>

  /** `search` says whether messages can be searched; leave the rest out (they let the base class read these rooms). */
  constructor(search = true, rooms = new Map<string, MemoryRoom>(), reads = memoryReads(rooms)) {
    super(reads)
    this.#rooms = rooms
    this.#reads = reads
    if (search) this.search = memorySearch(rooms)
  }

  async ping(): Promise<void> {}

  problem(): string | undefined {
    return undefined
  }

  async close(): Promise<void> {
    await this.drainWrites()
  }

  protected async writeBatch(batch: LogWrite[]): Promise<WriteOutcome[]> {
    const { outcomes, ops } = await planWrites(batch, this.#reads, (room) => this.#reads.lastSeq(room))
    this.#apply(ops)
    return outcomes
  }

  #room(name: string): MemoryRoom {
    let room = this.#rooms.get(name)
    if (!room) {
      room = {
        lastSeq: 0,
        messages: [],
        bySeq: new Map(),
        changes: [],
        messagesByClientId: new Map(),
        changesByClientId: new Map(),
        reactions: [],
        roomChanges: [],
        roomChangesByClientId: new Map(),
      }
      this.#rooms.set(name, room)
    }
    return room
  }

  #apply(ops: LogOps): void {
    for (const message of ops.messages) {
      const room = this.#room(message.room)
      const record = { ...message }
      room.messages.push(record)
      room.bySeq.set(record.seq, record)
      if (record.clientId !== undefined) room.messagesByClientId.set(record.clientId, record)
    }
    for (const update of ops.updates) {
      const held = this.#room(update.room).bySeq.get(update.seq)
      if (held) Object.assign(held, { ...update })
    }
    for (const change of ops.changes) {
      const room = this.#room(change.room)
      room.changes.push(change)
      room.changesByClientId.set(change.clientId, change)
    }
    for (const gone of ops.reactionsRemoved) {
      const room = this.#room(gone.room)
      room.reactions = room.reactions.filter(
        (r) => !(r.messageSeq === gone.messageSeq && r.emoji === gone.emoji && r.userKey === gone.userKey),
      )
    }
    for (const cleared of ops.reactionsCleared) {
      const room = this.#room(cleared.room)
      room.reactions = room.reactions.filter((r) => r.messageSeq !== cleared.messageSeq)
    }
    for (const added of ops.reactionsAdded) this.#room(added.room).reactions.push(added)
    for (const change of ops.roomChanges) {
      const room = this.#room(change.room)
      room.roomChanges.push(change)
      room.roomChangesByClientId.set(change.clientId, change)
    }
    for (const { room, to } of ops.advances) this.#room(room).lastSeq = to
    for (const { room, rules } of ops.rules) this.#room(room).rules = structuredClone(rules)
  }
}

/** The log's reads over rooms held in memory; copies, so that a caller's changes stay its own. */
function memoryReads(rooms: ReadonlyMap<string, MemoryRoom>): LogReads {
  const room = (name: string) => rooms.get(name)
  const copy = (record: MessageRecord) => ({ ...record })
  return {
    lastSeq: async (name) => room(name)?.lastSeq ?? 0,
    async messagesBefore(name, seq, limit) {
      const messages = room(name)?.messages ?? []
      const end = seq === undefined ? messages.length : firstAfter(messages, seq - 1)
      return messages.slice(Math.max(0, end - limit), end).map(copy)
    },
    async messagesAfter(name, seq, limit) {
      const messages = room(name)?.messages ?? []
      const start = firstAfter(messages, seq)
      return messages.slice(start, start + limit).map(copy)
    },
    async changesAfter(name, seq, limit) {
      const changes = room(name)?.changes ?? []
      const start = firstAfter(changes, seq)
      return changes.slice(start, start + limit)
    },
    async unreadCount(name, { after, through, author, limit }) {
      const messages = room(name)?.messages ?? []
      const end = firstAfter(messages, through)
      const first = Math.max(firstAfter(messages, after), end - UNREAD_SCAN_MESSAGES)
      let count = 0
      for (let at = end - 1; at >= first && count < limit; at -= 1) {
        const message = messages[at] as MessageRecord
        if (message.deletedAt === undefined && message.author !== author) count += 1
      }
      return count
    },
    messagesAt: async (name, seqs) =>
      seqs.flatMap((seq) => {
        const record = room(name)?.bySeq.get(seq)
        return record ? [copy(record)] : []
      }),
    async reactionsOn(name, seqs) {
      const wanted = new Set(seqs)
      return (room(name)?.reactions ?? []).filter((r) => wanted.has(r.messageSeq))
    },
    messagesByClientId: async (name, ids) =>
      ids.flatMap((id) => {
        const record = room(name)?.messagesByClientId.get(id)
        return record ? [copy(record)] : []
      }),
    changesByClientId: async (name, ids) =>
      ids.flatMap((id) => {
        const change = room(name)?.changesByClientId.get(id)
        return change ? [change] : []
      }),
    async roomRules(name) {
      const held = room(name)
      if (held?.rules) return structuredClone(held.rules)
      return held && held.lastSeq > 0 ? defaultRules() : undefined
    },
    async roomChangesAfter(name, seq, limit) {
      const changes = room(name)?.roomChanges ?? []
      const start = firstAfter(changes, seq)
      return changes.slice(start, start + limit)
    },
    async roomChangesBefore(name, seq, limit) {
      const changes = room(name)?.roomChanges ?? []
      const end = seq === undefined ? changes.length : firstAfter(changes, seq - 1)
      return changes.slice(Math.max(0, end - limit), end).reverse()
    },
    roomChangesByClientId: async (name, ids) =>
      ids.flatMap((id) => {
        const change = room(name)?.roomChangesByClientId.get(id)
        return change ? [change] : []
      }),
    privateRooms: async () => [...rooms].flatMap(([name, held]) => (held.rules?.private ? [name] : [])).sort(),
  }
}
