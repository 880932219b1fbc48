import type { ReactionRow } from './log-reads.ts'
import type { ChangeRecord, MessageRecord } from './message-store.ts'
import type { RoomOps } from './plan-room-changes.ts'

/** A room whose `last_seq` moves from `from` to `to` in this batch. */
export interface SeqAdvance {
  room: string
  from: number
  to: number
}

/**
 * What a batch writes, in this order: rows of `messages`, `changes` (those to rooms too) and
 * `reactions`, each room's last seq, and the rules of the rooms whose rules changed.
 */
export interface LogOps extends RoomOps {
  messages: MessageRecord[]
  /** Messages whose text, marks or rev changed: their whole new state. */
  updates: MessageRecord[]
  changes: ChangeRecord[]
  reactionsRemoved: ReactionRow[]
  /** Messages deleted: every reaction on them goes. */
  reactionsCleared: { room: string; messageSeq: number }[]
  reactionsAdded: ReactionRow[]
  advances: SeqAdvance[]
  /** Some text was erased: SQLite also clears it from its write-ahead log. */
  erased: boolean
}

/** A batch that writes nothing yet. */
export function emptyOps(): LogOps {
  return {
    messages: [],
    updates: [],
    changes: [],
    reactionsRemoved: [],
    reactionsCleared: [],
    reactionsAdded: [],
    advances: [],
    erased: false,
    roomChanges: [],
    rules: [],
  }
}
