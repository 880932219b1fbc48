import type { RoomChange } from '@parley/events'
import { describeRoomChange } from './room-change-text.ts'
import { advance, type Note, type RoomTimeline } from './timeline.ts'

/** The id of the note a room change shows as: one per seq, however often the change arrives. */
function noteId(change: RoomChange): string {
  return `room-${change.seq}`
}

/** `notes` with `note` placed by its seq (after the notes at or before it), or unchanged if it is there already. */
function withNote(notes: readonly Note[], note: Note): Note[] | null {
  if (notes.some((held) => held.id === note.id)) return null
  const at = notes.findIndex((held) => held.afterSeq > note.afterSeq)
  return at === -1 ? [...notes, note] : [...notes.slice(0, at), note, ...notes.slice(at)]
}

/**
 * Takes changes to the room (pushed live or from a catch-up page), in any order and any
 * number of times: each one's seq counts as seen (so a catch-up and the gap check count it
 * like a message), and it shows once as a line at its place in the conversation.
 */
export function applyRoomChanges(timeline: RoomTimeline, changes: readonly RoomChange[]): RoomTimeline {
  if (changes.length === 0) return timeline
  const through = timeline.syncedThrough ?? 0
  const seen = changes
    .map((change) => change.seq)
    .filter((seq) => seq > through && !timeline.changesAhead.includes(seq))
  const changesAhead = seen.length
    ? [...new Set([...timeline.changesAhead, ...seen])].sort((a, b) => a - b)
    : timeline.changesAhead
  let notes = timeline.notes
  for (const change of changes) {
    const note = {
      id: noteId(change),
      text: describeRoomChange(change),
      timestamp: change.timestamp,
      afterSeq: change.seq,
    }
    notes = withNote(notes, note) ?? notes
  }
  if (changesAhead === timeline.changesAhead && notes === timeline.notes) return timeline
  return advance({ ...timeline, changesAhead, notes })
}
