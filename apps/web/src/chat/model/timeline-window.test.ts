import { describe, expect, test } from 'bun:test'
import type { ChatMessage, MessageChange } from '@parley/events'
import { message, ROOM, range } from '../../../test/messages.ts'
import { chatReducer, initialChatState } from './state.ts'
import { applyChanges, applyJoin, atStart, emptyTimeline, hasOlder, type RoomTimeline } from './timeline.ts'
import { timelineItems } from './timeline-items.ts'
import { fillGap, openWindow } from './timeline-window.ts'

function change(seq: number, target: ChatMessage, text: string): MessageChange {
  return {
    room: ROOM,
    seq,
    change: 'edited',
    username: target.username,
    timestamp: 2_000 + seq,
    message: { ...target, message: text, rev: seq },
  }
}

/** A timeline joined at `lastSeq`, holding its last 50 messages (every seq a message). */
function joinedAt(lastSeq: number): RoomTimeline {
  return applyJoin(emptyTimeline(), { lastSeq, messages: range(lastSeq - 49, lastSeq) }).timeline
}

const seqs = (timeline: RoomTimeline) => timeline.messages.map((m) => m.seq)

describe('a window far back', () => {
  test('is held apart from the newer messages, with the gap between them; the live end does not move', () => {
    const joined = joinedAt(10_000)
    const windowed = openWindow(joined, range(76, 125))
    expect(windowed.gap).toEqual({ after: 125, before: 9_951 })
    expect(seqs(windowed)).toEqual([...range(76, 125), ...range(9_951, 10_000)].map((m) => m.seq))
    expect(windowed.syncedThrough).toBe(10_000)
    // Older messages are still there to scroll back to, from the window's oldest.
    expect(hasOlder(windowed)).toBe(true)
    expect(atStart(windowed)).toBe(false)
    expect(atStart(openWindow(joined, range(1, 30)))).toBe(true)
    // The list shows the gap once, between the window's newest and the newer run's oldest.
    const items = timelineItems(windowed)
    const at = items.findIndex((item) => item.kind === 'gap')
    expect(items.filter((item) => item.kind === 'gap')).toHaveLength(1)
    expect(items[at - 1]).toMatchObject({ seq: 125 })
    expect(items[at + 1]).toMatchObject({ seq: 9_951 })
  })

  test('a page that overlaps or touches the newer messages leaves no gap', () => {
    expect(openWindow(joinedAt(1_000), range(920, 969)).gap).toBeNull()
    expect(openWindow(joinedAt(1_000), range(901, 950)).gap).toBeNull()
    const overlapping = openWindow(joinedAt(1_000), range(930, 979))
    expect(overlapping.gap).toBeNull()
    expect(seqs(overlapping)).toEqual(range(930, 1_000).map((m) => m.seq))
  })

  test('a second window far from the first replaces it; one that meets it grows it', () => {
    const first = openWindow(joinedAt(10_000), range(5_000, 5_049))
    const elsewhere = openWindow(first, range(100, 149))
    expect(seqs(elsewhere).filter((seq) => seq < 9_951)).toEqual(range(100, 149).map((m) => m.seq))
    expect(elsewhere.gap).toEqual({ after: 149, before: 9_951 })
    const grown = openWindow(first, range(4_960, 5_009))
    expect(seqs(grown).filter((seq) => seq < 9_951)).toEqual(range(4_960, 5_049).map((m) => m.seq))
    expect(grown.gap).toEqual({ after: 5_049, before: 9_951 })
  })

  test('filling the gap page by page takes messages and changes, stops at the newer run and closes it', () => {
    let timeline = openWindow(joinedAt(500), range(1, 50))
    expect(timeline.gap).toEqual({ after: 50, before: 451 })
    // Seqs 51..450: messages, except the change at 300 to a message in the window.
    const log = range(51, 450).filter((m) => m.seq !== 300)
    const edit = change(300, message(10), 'ten, fixed')
    timeline = fillGap(timeline, 50, { messages: log.slice(0, 200), changes: [], hasMore: true })
    expect(timeline.gap).toEqual({ after: 250, before: 451 })
    // A page asked for before the gap moved is ignored.
    expect(fillGap(timeline, 50, { messages: log.slice(0, 10), changes: [], hasMore: true })).toBe(timeline)
    // The last page runs past the gap into what is held: nothing is held twice.
    const last = [...log.slice(200), ...range(451, 460)]
    timeline = fillGap(timeline, 250, { messages: last, changes: [edit], hasMore: true })
    expect(timeline.gap).toBeNull()
    expect(seqs(timeline)).toEqual(
      range(1, 500)
        .filter((m) => m.seq !== 300)
        .map((m) => m.seq),
    )
    expect(timeline.messages[9]).toMatchObject({ seq: 10, message: 'ten, fixed', rev: 300 })
    expect(timeline.syncedThrough).toBe(500)
    expect(timelineItems(timeline).some((item) => item.kind === 'gap')).toBe(false)
  })

  test('changes pushed live apply to messages in the window, and catching up still goes from the live end', () => {
    const windowed = openWindow(joinedAt(10_000), range(76, 125))
    const changed = applyChanges(windowed, [change(10_001, message(100), 'hundred, fixed')])
    expect(changed.messages.find((m) => m.seq === 100)).toMatchObject({ message: 'hundred, fixed', rev: 10_001 })
    expect(changed.syncedThrough).toBe(10_001)
    expect(changed.gap).toEqual(windowed.gap)
    const rejoined = applyJoin(changed, { lastSeq: 10_010, messages: range(10_006, 10_010) })
    expect(rejoined.catchUpAfter).toBe(10_001)
    expect(rejoined.timeline.gap).toEqual(windowed.gap)
  })

  test('the reducer opens a window and fills it; a reset drops the gap', () => {
    let state = chatReducer(initialChatState(null), {
      type: 'joined',
      username: 'ann',
      select: true,
      answer: { room: ROOM, users: ['ann'], lastSeq: 10_000, messages: range(9_951, 10_000), token: 't' },
    } as Parameters<typeof chatReducer>[1])
    state = chatReducer(state, { type: 'window', room: ROOM, messages: range(1, 50) })
    expect(state.timelines[ROOM]?.gap).toEqual({ after: 50, before: 9_951 })
    state = chatReducer(state, {
      type: 'gapPage',
      room: ROOM,
      after: 50,
      messages: range(51, 250),
      changes: [],
      hasMore: true,
    })
    expect(state.timelines[ROOM]?.gap).toEqual({ after: 250, before: 9_951 })
    expect(state.unread[ROOM] ?? 0).toBe(0)
    state = chatReducer(state, { type: 'reset', room: ROOM, lastSeq: 10, messages: range(1, 10) })
    expect(state.timelines[ROOM]?.gap).toBeNull()
  })
})
