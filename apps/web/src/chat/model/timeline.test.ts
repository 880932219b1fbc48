import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import fc from 'fast-check'
import {
  addNote,
  addOutgoing,
  applyJoin,
  atStart,
  confirmOutgoing,
  emptyTimeline,
  hasOlder,
  mergeMessages,
  newClientId,
  type OutgoingMessage,
  type RoomTimeline,
  randomClientId,
  resetTimeline,
  setOutgoingStatus,
  timelineItems,
} from './timeline.ts'

const ROOM = 'general'

function message(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    messageId: `m${seq}`,
    username: 'ann',
    message: `msg ${seq}`,
    timestamp: 1_000 + seq,
    room: ROOM,
    seq,
    ...extra,
  }
}

function range(from: number, to: number): ChatMessage[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => message(from + i))
}

function seqs(timeline: RoomTimeline): number[] {
  return timeline.messages.map((m) => m.seq)
}

/** A timeline as the first join answer of a room whose last seq is `lastSeq` leaves it. */
function joinedAt(lastSeq: number): RoomTimeline {
  return applyJoin(emptyTimeline(), { lastSeq, messages: range(Math.max(1, lastSeq - 49), lastSeq) }).timeline
}

function outgoing(clientId: string, text = 'hello'): OutgoingMessage {
  return { clientId, room: ROOM, username: 'me', message: text, createdAt: 5, status: 'pending', error: null }
}

describe('merging messages', () => {
  test('keeps seq order and drops duplicates, whatever order they come in', () => {
    const timeline = joinedAt(3)
    const { timeline: merged, added } = mergeMessages(timeline, [message(6), message(4), message(3), message(6)])
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 6])
    expect(added.map((m) => m.seq)).toEqual([4, 6])
    expect(merged.syncedThrough).toBe(4)
    expect(mergeMessages(merged, [message(5)]).timeline.syncedThrough).toBe(6)
  })

  test('a merge that adds nothing returns the same timeline', () => {
    const timeline = joinedAt(5)
    expect(mergeMessages(timeline, [message(2), message(5)]).timeline).toBe(timeline)
  })

  test('any interleaving of pages, pushes and replays gives the same ordered, unique timeline', () => {
    const batch = fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 30 })
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 8 }), (batches) => {
        let timeline = joinedAt(0)
        for (const seqsIn of batches)
          timeline = mergeMessages(
            timeline,
            seqsIn.map((seq) => message(seq)),
          ).timeline
        const expected = [...new Set(batches.flat())].sort((a, b) => a - b)
        expect(seqs(timeline)).toEqual(expected)
        let through = 0
        while (expected.includes(through + 1)) through += 1
        expect(timeline.syncedThrough).toBe(through)
      }),
    )
  })
})

describe('joining', () => {
  test('a first join takes the answer as the timeline', () => {
    const outcome = applyJoin(emptyTimeline(), { lastSeq: 120, messages: range(71, 120) })
    expect(seqs(outcome.timeline)).toEqual(range(71, 120).map((m) => m.seq))
    expect(outcome.timeline.syncedThrough).toBe(120)
    expect(outcome.catchUpAfter).toBeNull()
    expect(outcome.added).toEqual([])
    expect(hasOlder(outcome.timeline)).toBe(true)
    expect(atStart(outcome.timeline)).toBe(false)
  })

  test('an empty room is at its start', () => {
    const timeline = joinedAt(0)
    expect(timeline.syncedThrough).toBe(0)
    expect(atStart(timeline)).toBe(true)
    expect(hasOlder(timeline)).toBe(false)
  })

  test('pushes that came before the first answer are kept, stray older ones are not', () => {
    let early = mergeMessages(emptyTimeline(), [message(3), message(52)]).timeline
    early = mergeMessages(early, [message(51)]).timeline
    expect(early.syncedThrough).toBeNull()
    const { timeline } = applyJoin(early, { lastSeq: 50, messages: range(1, 50).slice(-40) })
    expect(seqs(timeline)).toEqual(range(11, 52).map((m) => m.seq))
    expect(timeline.syncedThrough).toBe(52)
  })

  test('a first join of an empty room still counts a push that came before it', () => {
    const early = mergeMessages(emptyTimeline(), [message(1)]).timeline
    const { timeline } = applyJoin(early, { lastSeq: 0, messages: [] })
    expect(timeline.syncedThrough).toBe(1)
  })

  test('a rejoin with nothing missed needs no catch-up', () => {
    const outcome = applyJoin(joinedAt(10), { lastSeq: 10, messages: range(1, 10) })
    expect(outcome.catchUpAfter).toBeNull()
    expect(outcome.added).toEqual([])
  })

  test('a rejoin whose answer covers what was missed merges it', () => {
    const outcome = applyJoin(joinedAt(10), { lastSeq: 30, messages: range(1, 30) })
    expect(outcome.catchUpAfter).toBeNull()
    expect(outcome.added.map((m) => m.seq)).toEqual(range(11, 30).map((m) => m.seq))
    expect(outcome.timeline.syncedThrough).toBe(30)
  })

  test('a rejoin after a long absence catches up from the last contiguous seq', () => {
    const outcome = applyJoin(joinedAt(10), { lastSeq: 300, messages: range(251, 300) })
    expect(outcome.catchUpAfter).toBe(10)
    expect(outcome.timeline.syncedThrough).toBe(10)
    // The catch-up pages fill the gap; live pushes may already sit beyond it.
    let timeline = mergeMessages(outcome.timeline, [message(301)]).timeline
    expect(timeline.syncedThrough).toBe(10)
    timeline = mergeMessages(timeline, range(11, 210)).timeline
    timeline = mergeMessages(timeline, range(211, 300)).timeline
    expect(seqs(timeline)).toEqual(range(1, 301).map((m) => m.seq))
    expect(timeline.syncedThrough).toBe(301)
  })

  test('a live push beyond a gap does not hide the gap from the next catch-up', () => {
    const withPush = mergeMessages(joinedAt(10), [message(40)]).timeline
    const outcome = applyJoin(withPush, { lastSeq: 41, messages: range(1, 41).slice(-5) })
    expect(outcome.catchUpAfter).toBe(10)
  })

  test('a server that lost messages we held replaces the timeline with its answer', () => {
    const held = addOutgoing(
      addNote(joinedAt(40), { id: 'n', text: 'bob joined', timestamp: 1 }),
      outgoing('c-11111111'),
    )
    const outcome = applyJoin(held, { lastSeq: 3, messages: range(1, 3) })
    expect(outcome.reset).toBe(true)
    expect(seqs(outcome.timeline)).toEqual([1, 2, 3])
    expect(outcome.timeline.syncedThrough).toBe(3)
    expect(outcome.timeline.notes).toEqual([])
    expect(outcome.timeline.outbox.map((o) => o.clientId)).toEqual(['c-11111111'])
  })

  test('a reset takes the answer as the truth', () => {
    const { timeline } = resetTimeline(joinedAt(20), { lastSeq: 25, messages: range(24, 25) })
    expect(seqs(timeline)).toEqual([24, 25])
    expect(timeline.syncedThrough).toBe(25)
  })
})

describe('scrolling back', () => {
  test('older pages are prepended in order until the first message', () => {
    let timeline = joinedAt(120)
    timeline = mergeMessages(timeline, range(21, 70)).timeline
    expect(hasOlder(timeline)).toBe(true)
    timeline = mergeMessages(timeline, range(1, 20)).timeline
    expect(seqs(timeline)).toEqual(range(1, 120).map((m) => m.seq))
    expect(hasOlder(timeline)).toBe(false)
    expect(atStart(timeline)).toBe(true)
    expect(timeline.syncedThrough).toBe(120)
  })
})

describe('our own messages', () => {
  test('show pending after the stored ones, and become stored on the answer', () => {
    let timeline = addOutgoing(joinedAt(2), outgoing('client-aaaa'))
    expect(timelineItems(timeline).map((item) => item.key)).toEqual(['seq-1', 'seq-2', 'client-client-aaaa'])
    expect(timelineItems(timeline).at(-1)).toMatchObject({ status: 'pending', seq: null, message: 'hello' })
    timeline = confirmOutgoing(timeline, 'client-aaaa', { messageId: 'x', timestamp: 9, room: ROOM, seq: 3 }).timeline
    expect(timeline.outbox).toEqual([])
    expect(timelineItems(timeline).at(-1)).toMatchObject({ status: 'sent', seq: 3, username: 'me', message: 'hello' })
    // The push of the same message afterwards changes nothing.
    const push = message(3, { username: 'me', message: 'hello', clientId: 'client-aaaa' })
    expect(mergeMessages(timeline, [push]).timeline).toBe(timeline)
  })

  test('the push with our clientId confirms a pending message before its answer', () => {
    let timeline = addOutgoing(joinedAt(2), outgoing('client-bbbb'))
    timeline = mergeMessages(timeline, [
      message(3, { username: 'me', message: 'hello', clientId: 'client-bbbb' }),
    ]).timeline
    expect(timeline.outbox).toEqual([])
    timeline = confirmOutgoing(timeline, 'client-bbbb', { messageId: 'm3', timestamp: 9, room: ROOM, seq: 3 }).timeline
    expect(timelineItems(timeline).filter((item) => item.kind === 'message' && item.message === 'hello')).toHaveLength(
      1,
    )
  })

  test('an answer for a seq already held (push without clientId) still confirms once', () => {
    let timeline = addOutgoing(joinedAt(2), outgoing('client-cccc'))
    timeline = mergeMessages(timeline, [message(3, { username: 'me', message: 'hello' })]).timeline
    timeline = confirmOutgoing(timeline, 'client-cccc', { messageId: 'm3', timestamp: 9, room: ROOM, seq: 3 }).timeline
    expect(timeline.outbox).toEqual([])
    expect(seqs(timeline)).toEqual([1, 2, 3])
  })

  test('fail with a reason, go pending again on retry, and are never added twice', () => {
    let timeline = addOutgoing(joinedAt(0), outgoing('client-dddd'))
    timeline = addOutgoing(timeline, outgoing('client-dddd'))
    expect(timeline.outbox).toHaveLength(1)
    timeline = setOutgoingStatus(timeline, 'client-dddd', 'failed', 'No connection to the server.')
    expect(timelineItems(timeline)[0]).toMatchObject({ status: 'failed', error: 'No connection to the server.' })
    timeline = setOutgoingStatus(timeline, 'client-dddd', 'pending')
    expect(timelineItems(timeline)[0]).toMatchObject({ status: 'pending', error: null })
    expect(setOutgoingStatus(timeline, 'nobody', 'failed', 'x')).toBe(timeline)
  })

  test('a history page carrying our clientId confirms it (sent before a drop, stored anyway)', () => {
    let timeline = setOutgoingStatus(addOutgoing(joinedAt(2), outgoing('client-eeee')), 'client-eeee', 'failed', 'x')
    timeline = mergeMessages(timeline, [message(3, { clientId: 'client-eeee' }), message(4)]).timeline
    expect(timeline.outbox).toEqual([])
  })
})

describe('notes', () => {
  test('sit after the message that was newest when they happened, also once older ones arrive', () => {
    let timeline = joinedAt(60)
    timeline = addNote(timeline, { id: 'n1', text: 'bob joined', timestamp: 1 })
    timeline = mergeMessages(timeline, [message(61)]).timeline
    timeline = mergeMessages(timeline, range(1, 10)).timeline
    const keys = timelineItems(timeline).map((item) => item.key)
    expect(keys.indexOf('n1')).toBe(keys.indexOf('seq-60') + 1)
    expect(keys.at(-1)).toBe('seq-61')
    expect(keys[0]).toBe('seq-1')
  })
})

describe('client ids', () => {
  const valid = /^[\w-]{8,64}$/
  test('are valid for the server, from randomUUID or the fallback', () => {
    expect(newClientId()).toMatch(valid)
    expect(randomClientId()).toMatch(valid)
    expect(randomClientId((bytes) => bytes.fill(255))).toMatch(valid)
    expect(randomClientId()).not.toBe(randomClientId())
  })
})
