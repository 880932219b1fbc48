import { type RefObject, useLayoutEffect, useRef } from 'react'
import { filesHeight } from '../chat/model/attachments.ts'
import { foldName } from '../chat/model/mentions.ts'
import { dayLabel, type Row } from '../chat/model/rows.ts'

type Key = string | number | bigint

/** A first guess at a row's height (px), corrected once it is drawn. */
export function estimateHeight(row: Row | undefined): number {
  switch (row?.kind) {
    case 'message':
      // A quote above the text and a line of reactions below it each add a line; files add their known heights.
      return (
        (row.continued ? 28 : 54) +
        (row.item.replyTo ? 20 : 0) +
        (row.item.reactions.length > 0 ? 32 : 0) +
        filesHeight(row.item.files)
      )
    case 'day':
      return 44
    case 'unread':
      return 32
    case 'gap':
      return 64
    default:
      return 28
  }
}

/** The day of the row at `index`, or of the first row after it that has one. */
export function dayAt(rows: readonly Row[], index: number, now: number): string | null {
  for (let at = index; at < rows.length; at++) {
    const row = rows[at]
    if (row?.kind === 'day') return row.label
    if (row?.kind === 'message' || row?.kind === 'system') return dayLabel(row.item.timestamp, now)
  }
  return null
}

/** The attributes the tests and the styles look for on a message's row. */
export function messageAttributes(row: Row, username: string) {
  if (row.kind !== 'message') return {}
  const own = foldName(row.item.username) === foldName(username)
  return {
    'data-testid': 'message',
    'data-status': row.item.status,
    'data-seq': row.item.seq ?? undefined,
    'data-own': own ? 'true' : undefined,
    'data-mention': row.mentionsMe ? 'true' : undefined,
  }
}

/**
 * Older messages added above can make the first message held part of a group: its name
 * line goes, and its text would move up by as much while its row keeps its place (the
 * virtualiser keeps rows, not lines of text, in place). Scrolls by the difference, so the
 * reader's text stays where it was.
 */
export function useKeepTextOnRegroup(rows: readonly Row[], scrollerRef: RefObject<HTMLElement | null>): void {
  const firstMessageRef = useRef<{ key: Key; continued: boolean; height: number } | null>(null)
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    const heightOf = (key: Key) =>
      scroller?.querySelector<HTMLElement>(`li[data-key="${CSS.escape(String(key))}"]`)?.offsetHeight ?? null
    const before = firstMessageRef.current
    if (scroller && before && !before.continued) {
      const now = rows.find((row) => row.key === before.key)
      const height = heightOf(before.key)
      if (now?.kind === 'message' && now.continued && height !== null) scroller.scrollTop += height - before.height
    }
    const first = rows.find((row) => row.kind === 'message')
    const height = first ? heightOf(first.key) : null
    firstMessageRef.current =
      first?.kind === 'message' && height !== null ? { key: first.key, continued: first.continued, height } : null
  }, [rows, scrollerRef])
}
