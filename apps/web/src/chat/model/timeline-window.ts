import type { ChatMessage, MessageChange, RoomChange } from '@parley/events'
import { applyChanges, type Gap, mergeMessages, type RoomTimeline } from './timeline.ts'

/** The gap left between a window whose newest message is `after` and a run starting at `before`, if any. */
function gapBetween(after: number, before: number | undefined): Gap | null {
  return before === undefined || after + 1 >= before ? null : { after, before }
}

/**
 * Takes the page `around` a message far back (messages as they stand now, one unbroken run)
 * as a window held apart from the newer messages, with a gap between them unless the page
 * meets them. A window held before is kept only if the page meets it too; otherwise it goes,
 * so the timeline is never more than two runs. `syncedThrough` (the live end) is untouched.
 */
export function openWindow(timeline: RoomTimeline, page: readonly ChatMessage[]): RoomTimeline {
  const seqs = page.map((message) => message.seq)
  if (seqs.length === 0) return timeline
  const low = Math.min(...seqs)
  const high = Math.max(...seqs)
  const { gap } = timeline
  const newer = gap ? timeline.messages.filter((message) => message.seq >= gap.before) : timeline.messages
  const earlier = gap ? timeline.messages.filter((message) => message.seq <= gap.after) : []
  const meetsEarlier = gap !== null && earlier.length > 0 && low <= gap.after + 1 && high + 1 >= (earlier[0]?.seq ?? 0)
  const kept = meetsEarlier ? earlier : []
  const base: RoomTimeline = { ...timeline, messages: [...kept, ...newer], gap: null }
  const merged = mergeMessages(base, page).timeline
  const windowNewest = Math.max(high, kept.at(-1)?.seq ?? 0)
  return { ...merged, gap: gapBetween(windowNewest, newer[0]?.seq) }
}

/** A page of `history {after}`: the log's entries after a seq, messages and changes together. */
export interface AfterPage {
  messages: readonly ChatMessage[]
  changes: readonly MessageChange[]
  /** The changes to the room itself among the page's seqs (they count for where the page ends). */
  roomChanges?: readonly Pick<RoomChange, 'seq'>[]
  hasMore: boolean
}

/**
 * Takes a page of `history {after: from}` asked for to fill the gap: its messages in the gap
 * are added, its changes apply to whatever is held, and the gap shrinks to what is left
 * after the page (gone once the page meets the newer run or the log ends). A page asked for
 * a gap that has since changed is ignored.
 */
export function fillGap(timeline: RoomTimeline, from: number, page: AfterPage): RoomTimeline {
  const { gap } = timeline
  if (!gap || gap.after !== from) return timeline
  const inGap = page.messages.filter((message) => message.seq > gap.after && message.seq < gap.before)
  const changed = applyChanges(mergeMessages(timeline, inGap).timeline, page.changes)
  const last = Math.max(
    from,
    ...page.messages.map((m) => m.seq),
    ...page.changes.map((c) => c.seq),
    ...(page.roomChanges ?? []).map((c) => c.seq),
  )
  const left = page.hasMore && last > from ? gapBetween(last, gap.before) : null
  return { ...changed, gap: left }
}
