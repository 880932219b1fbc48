import { foldName } from './mentions.ts'
import type { TimelineItem } from './timeline-items.ts'

type Line = Extract<TimelineItem, { kind: 'message' }>

/**
 * Whether we may edit `line` now: our own stored message, not deleted, within the edit
 * window (`null`: not known yet, 0: no limit) counted from when the server stored it. The
 * server checks again; this only decides what to offer.
 */
export function isEditable(line: Line, me: string | null, windowSeconds: number | null, now: number): boolean {
  if (me === null || line.seq === null || line.status !== 'sent' || line.deleted) return false
  if (foldName(line.username) !== foldName(me)) return false
  return !windowSeconds || now - line.timestamp < windowSeconds * 1000
}

/** Whether `line` is ours and stored, so we may delete it (at any time). */
export function isDeletable(line: Line, me: string | null): boolean {
  return me !== null && line.seq !== null && !line.deleted && foldName(line.username) === foldName(me)
}

/** The seq of our latest stored message, if we may still edit it (what ↑ in an empty composer edits). */
export function lastEditable(
  items: readonly TimelineItem[],
  me: string | null,
  windowSeconds: number | null,
  now: number,
): number | null {
  for (let at = items.length - 1; at >= 0; at--) {
    const item = items[at]
    if (item?.kind !== 'message' || item.seq === null || item.deleted) continue
    if (me === null || foldName(item.username) !== foldName(me)) continue
    return isEditable(item, me, windowSeconds, now) ? item.seq : null
  }
  return null
}
