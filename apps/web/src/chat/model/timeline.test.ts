import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import fc from 'fast-check'
import { message, ROOM, range } from '../../../test/messages.ts'
import { newClientId, randomClientId } from './client-id.ts'
import { addOutgoing, confirmOutgoing, setOutgoingStatus } from './own-entries.ts'
import {
  addNote,
  applyChanges,
  applyJoin,
  atStart,
  emptyTimeline,
  hasOlder,
  mergeMessages,
  type OutgoingMessage,
  type RoomTimeline,
  resetTimeline,
} from './timeline.ts'
import { timelineItems } from './timeline-items.ts'

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

  test('a server that lost messages we held and stored others under their seqs replaces the timeline', () => {
    // We held 1–40; the server lost 39 and 40, then stored two other messages there, and one more.
    const others = [message(39, { messageId: 'x39' }), message(40, { messageId: 'x40' }), message(41)]
    const answer = { lastSeq: 41, messages: [...range(1, 38), ...others] }
    const outcome = applyJoin(joinedAt(40), answer)
    expect(outcome.reset).toBe(true)
    expect(outcome.catchUpAfter).toBeNull()
    expect(outcome.timeline.messages.map((m) => m.messageId).slice(-3)).toEqual(['x39', 'x40', 'm41'])
    expect(outcome.timeline.syncedThrough).toBe(41)
  })

  test('a message we held that is a change in the answer window means another log too', () => {
    const answer = { lastSeq: 41, messages: [...range(1, 39), message(41)] }
    expect(applyJoin(joinedAt(40), answer).reset).toBe(true)
  })

  test('the same messages where ours are, or a window that does not reach them, is the same log', () => {
    expect(applyJoin(joinedAt(40), { lastSeq: 45, messages: range(1, 45) }).reset).toBe(false)
    const beyond = applyJoin(joinedAt(40), { lastSeq: 100, messages: range(51, 100) })
    expect(beyond.reset).toBe(false)
    expect(beyond.catchUpAfter).toBe(40)
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

/** A change entry of the log: `seq` is its own place, `target` the message it changed, as it then stood. */
function change(seq: number, target: ChatMessage, extra: Partial<ChatMessage> = {}, clientId?: string) {
  return {
    room: ROOM,
    seq,
    change: 'edited' as const,
    username: target.username,
    timestamp: 2_000 + seq,
    ...(clientId ? { clientId } : {}),
    message: { ...target, ...extra, rev: seq },
  }
}

describe('changes to messages', () => {
  test('a newer copy of a message replaces the one held, an older or equal one does not', () => {
    const timeline = joinedAt(3)
    const edited = mergeMessages(timeline, [message(2, { message: 'fixed', rev: 5, editedAt: 9 })]).timeline
    expect(edited.messages[1]).toMatchObject({ seq: 2, message: 'fixed', rev: 5 })
    expect(mergeMessages(edited, [message(2)]).timeline).toBe(edited)
    expect(mergeMessages(edited, [message(2, { message: 'older', rev: 4 })]).timeline).toBe(edited)
    expect(mergeMessages(edited, [message(2, { message: 'fixed', rev: 5 })]).timeline).toBe(edited)
    expect(seqs(edited)).toEqual([1, 2, 3])
  })

  test('a change counts as seen: syncedThrough moves over it as over a message', () => {
    let timeline = joinedAt(3)
    timeline = applyChanges(timeline, [change(4, message(1), { message: 'one, fixed' })])
    expect(timeline.syncedThrough).toBe(4)
    expect(timeline.messages[0]?.message).toBe('one, fixed')
    timeline = mergeMessages(timeline, [message(5)]).timeline
    expect(timeline.syncedThrough).toBe(5)
    expect(seqs(timeline)).toEqual([1, 2, 3, 5])
    expect(atStart(timeline)).toBe(true)
  })

  test('a change beyond a gap waits for the gap; the gap filled, both count', () => {
    let timeline = applyChanges(joinedAt(3), [change(6, message(2), { deleted: true, message: '' })])
    expect(timeline.syncedThrough).toBe(3)
    expect(timeline.changesAhead).toEqual([6])
    expect(timeline.messages[1]).toMatchObject({ deleted: true })
    timeline = mergeMessages(timeline, [message(4)]).timeline
    expect(timeline.syncedThrough).toBe(4)
    timeline = applyChanges(timeline, [change(5, message(4), { message: 'four, fixed' })])
    expect(timeline.syncedThrough).toBe(6)
    expect(timeline.changesAhead).toEqual([])
  })

  test('a change to a message not held counts as seen, and adds no message', () => {
    const timeline = applyChanges(joinedAt(3), [change(4, message(1_000))])
    expect(seqs(timeline)).toEqual([1, 2, 3])
    expect(timeline.syncedThrough).toBe(4)
  })

  test('a change seen twice, or one already behind syncedThrough, changes nothing', () => {
    const once = applyChanges(joinedAt(3), [change(4, message(1), { message: 'x' })])
    expect(applyChanges(once, [change(4, message(1), { message: 'x' })])).toBe(once)
  })

  test('a change pushed before the first join answer counts once the answer is in', () => {
    let early = mergeMessages(emptyTimeline(), [message(11)]).timeline
    early = applyChanges(early, [change(12, message(11), { message: 'eleven, fixed' })])
    const { timeline } = applyJoin(early, { lastSeq: 10, messages: range(1, 10) })
    expect(timeline.syncedThrough).toBe(12)
    expect(timeline.messages.at(-1)?.message).toBe('eleven, fixed')
  })

  test('a rejoin catches up whenever a seq up to lastSeq was not seen, even if the answer has every message', () => {
    // Away: 4 is a new message, 5 an edit of message 1, 6 a new message.
    const answer = { lastSeq: 6, messages: [message(1, { message: 'one, fixed', rev: 5 }), ...range(2, 4), message(6)] }
    const outcome = applyJoin(joinedAt(3), answer)
    expect(outcome.catchUpAfter).toBe(4)
    expect(outcome.timeline.messages[0]?.message).toBe('one, fixed')
    // Only messages while away: the answer proves nothing was missed.
    expect(applyJoin(joinedAt(3), { lastSeq: 5, messages: range(1, 5) }).catchUpAfter).toBeNull()
    // Only a change while away, to a message the answer does not carry.
    expect(applyJoin(joinedAt(60), { lastSeq: 61, messages: range(12, 60) }).catchUpAfter).toBe(60)
  })

  test('any order and repetition of a log of messages and changes ends with every message as it last stood', () => {
    // A log: each entry is a new message (-1), or an edit of an earlier message (by index).
    const log = fc.array(fc.oneof(fc.constant(-1), fc.nat(40)), { minLength: 1, maxLength: 40 })
    const keys = fc.array(fc.nat(), { minLength: 120, maxLength: 120 })
    fc.assert(
      fc.property(log, fc.array(fc.nat(), { maxLength: 40 }), keys, (entries, repeats, shuffle) => {
        const latest = new Map<number, ChatMessage>()
        type Push = { kind: 'message'; message: ChatMessage } | { kind: 'change'; entry: ReturnType<typeof change> }
        const pushes: Push[] = []
        entries.forEach((pick, index) => {
          const seq = index + 1
          const held = [...latest.keys()]
          const target = pick < 0 || held.length === 0 ? undefined : latest.get(held[pick % held.length] ?? 0)
          if (!target) {
            latest.set(seq, message(seq))
            pushes.push({ kind: 'message', message: message(seq) })
            return
          }
          const entry = change(seq, target, { message: `edit ${seq}` })
          latest.set(target.seq, entry.message)
          pushes.push({ kind: 'change', entry })
        })
        // Every push at least once, some again, in any order.
        const deliveries = [...pushes, ...repeats.flatMap((n) => pushes[n % pushes.length] ?? [])]
          .map((push, index) => ({ push, key: shuffle[index] ?? index }))
          .sort((a, b) => a.key - b.key)
        let timeline = joinedAt(0)
        for (const { push } of deliveries) {
          timeline =
            push.kind === 'message'
              ? mergeMessages(timeline, [push.message]).timeline
              : applyChanges(timeline, [push.entry])
        }
        expect(timeline.syncedThrough).toBe(entries.length)
        expect(timeline.changesAhead).toEqual([])
        // A change that came before its message could not be shown on it; a page of the messages as they now
        // stand (what a catch-up or a scroll back brings) puts every one right, whatever was held.
        timeline = mergeMessages(timeline, [...latest.values()]).timeline
        expect(timeline.messages).toEqual([...latest.values()].sort((a, b) => a.seq - b.seq))
        // And an older copy of any of them, arriving late, changes nothing.
        expect(
          mergeMessages(
            timeline,
            pushes.flatMap((p) => (p.kind === 'message' ? [p.message] : [])),
          ).timeline,
        ).toBe(timeline)
      }),
    )
  })
})
