import { foldName, mentionsUser } from './mentions.ts'
import type { TimelineItem } from './timeline-items.ts'

type MessageLine = Extract<TimelineItem, { kind: 'message' }>
type SystemLine = Extract<TimelineItem, { kind: 'system' }>

/**
 * One row of the message pane, as the virtual list draws it. The list's first row is always
 * one that stays when older messages are added above it (a message, a note or the "New
 * messages" line), so the reader's place can be kept by it.
 */
export type Row =
  | { kind: 'day'; key: string; label: string }
  /** The "New messages" line, before the first message not read yet. */
  | { kind: 'unread'; key: 'unread' }
  | { kind: 'system'; key: string; item: SystemLine }
  /** Messages not loaded between a window far back and the newer ones. */
  | { kind: 'gap'; key: 'gap' }
  /** `continued`: same author and minute as the message before, so drawn without name and picture. */
  | { kind: 'message'; key: string; item: MessageLine; continued: boolean; mentionsMe: boolean }

export interface RowOptions {
  username: string | null
  /** The seq before which the "New messages" line goes, if any. */
  divider: number | null
  /** The items reach back to the room's first message: its day gets a line too. */
  start: boolean
  /** Now, for "Today" and "Yesterday". */
  now: number
}

const MINUTE_MS = 60_000

function dayKey(timestamp: number): string {
  const date = new Date(timestamp)
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' })
const dayFormatWithYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** "Today", "Yesterday", or the date ("Monday 3 March", with the year when it is not this one). */
export function dayLabel(timestamp: number, now: number): string {
  const key = dayKey(timestamp)
  if (key === dayKey(now)) return 'Today'
  const yesterday = new Date(now)
  yesterday.setDate(yesterday.getDate() - 1)
  if (key === dayKey(yesterday.getTime())) return 'Yesterday'
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear()
  return (sameYear ? dayFormat : dayFormatWithYear).format(timestamp)
}

function dayKeyOf(item: TimelineItem | undefined): string | null {
  return item === undefined ? null : dayKey(item.timestamp)
}

function continues(previous: Row | undefined, item: MessageLine): boolean {
  if (previous?.kind !== 'message') return false
  const before = previous.item
  return (
    foldName(before.username) === foldName(item.username) &&
    Math.floor(before.timestamp / MINUTE_MS) === Math.floor(item.timestamp / MINUTE_MS)
  )
}

/**
 * The pane's rows for a timeline's lines: a day line where the day changes, the "New
 * messages" line before the first unread message, and messages grouped by author and
 * minute. The first line held gets a day line only at the start of the room: until then
 * older lines may still come before it (the pane shows the day on top while scrolling).
 */
export function buildRows(items: readonly TimelineItem[], options: RowOptions): Row[] {
  const rows: Row[] = []
  let day: string | null = options.start ? null : dayKeyOf(items[0])
  const days = new Set<string>()
  let dividerPlaced = options.divider === null
  for (const item of items) {
    const itemDay = dayKey(item.timestamp)
    if (itemDay !== day) {
      day = itemDay
      // Clocks disagree now and then: a day that comes back still gets a key of its own.
      const key = days.has(itemDay) ? `day-${itemDay}-${rows.length}` : `day-${itemDay}`
      days.add(itemDay)
      rows.push({ kind: 'day', key, label: dayLabel(item.timestamp, options.now) })
    }
    if (item.kind === 'gap') {
      rows.push({ kind: 'gap', key: 'gap' })
      continue
    }
    if (item.kind === 'system') {
      rows.push({ kind: 'system', key: item.key, item })
      continue
    }
    if (!dividerPlaced && item.seq !== null && options.divider !== null && item.seq >= options.divider) {
      dividerPlaced = true
      rows.push({ kind: 'unread', key: 'unread' })
    }
    const own = options.username !== null && foldName(item.username) === foldName(options.username)
    rows.push({
      kind: 'message',
      // Our own message keeps its row from pending to sent, so it does not flash or move.
      key: own && item.clientId !== null ? `own-${item.clientId}` : item.key,
      item,
      continued: continues(rows.at(-1), item),
      mentionsMe: !own && mentionsUser(item.message, options.username),
    })
  }
  return rows
}
