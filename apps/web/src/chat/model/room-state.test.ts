import { describe, expect, test } from 'bun:test'
import type { ChatMessage, RoomChange, RoomSettings } from '@parley/events'
import { describeRoomChange } from './room-change-text.ts'
import { mutedUntil, rightsOf } from './room-settings.ts'
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './state.ts'
import { timelineItems } from './timeline-items.ts'

const SETTINGS: RoomSettings = { topic: '', private: false, slowModeSeconds: 0, owner: 'alice', moderators: [] }

function message(seq: number): ChatMessage {
  return { messageId: `m${seq}`, username: 'bob', message: `msg ${seq}`, timestamp: seq, room: 'r', seq }
}

function change(seq: number, fields: Partial<RoomChange> = {}): RoomChange {
  return {
    room: 'r',
    seq,
    change: 'topic',
    username: 'alice',
    timestamp: 1_000_000,
    settings: { ...SETTINGS, topic: `topic ${seq}` },
    ...fields,
  }
}

function run(state: ChatState, ...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, state)
}

function joinAt(lastSeq: number, messages: ChatMessage[], username = 'me'): ChatAction {
  return {
    type: 'joined',
    username,
    answer: { room: 'r', users: [username], lastSeq, messages, settings: SETTINGS },
    select: true,
  }
}

function lines(state: ChatState): string[] {
  const timeline = state.timelines.r
  if (!timeline) return []
  return timelineItems(timeline).map((item) =>
    item.kind === 'message' ? item.message : item.kind === 'system' ? item.text : 'gap',
  )
}

describe('changes to a room', () => {
  test('a join takes the room settings; a push shows as a line at its seq and counts as seen', () => {
    let state = run(initialChatState(null), joinAt(2, [message(1), message(2)]))
    expect(state.roomSettings.r?.settings.owner).toBe('alice')
    state = run(state, { type: 'roomChanged', change: change(3), live: true }, { type: 'message', message: message(4) })
    expect(lines(state)).toEqual(['msg 1', 'msg 2', 'alice set the topic: topic 3', 'msg 4'])
    expect(state.timelines.r?.syncedThrough).toBe(4)
    expect(state.roomSettings.r?.settings.topic).toBe('topic 3')
  })

  test('a catch-up fills seqs with room changes, shows each once, and an older change never overrides newer settings', () => {
    let state = run(initialChatState(null), joinAt(2, [message(1), message(2)]))
    // Pushed live while a catch-up of seqs 3..5 is under way.
    state = run(state, { type: 'roomChanged', change: change(6), live: true })
    expect(state.timelines.r?.syncedThrough).toBe(2)
    state = run(state, {
      type: 'history',
      room: 'r',
      direction: 'newer',
      messages: [message(3), message(5)],
      changes: [],
      roomChanges: [change(4), change(6)],
    })
    expect(state.timelines.r?.syncedThrough).toBe(6)
    expect(lines(state)).toEqual([
      'msg 1',
      'msg 2',
      'msg 3',
      'alice set the topic: topic 4',
      'msg 5',
      'alice set the topic: topic 6',
    ])
    expect(state.roomSettings.r?.settings.topic).toBe('topic 6')
    state = run(state, { type: 'settings', room: 'r', settings: { ...SETTINGS, topic: 'stale' }, seq: 5 })
    expect(state.roomSettings.r?.settings.topic).toBe('topic 6')
  })

  test('a gap page ends after its last room change', () => {
    let state = run(initialChatState(null), joinAt(10, [message(9), message(10)]))
    state = run(state, { type: 'window', room: 'r', messages: [message(1), message(2)] })
    expect(state.timelines.r?.gap).toEqual({ after: 2, before: 9 })
    state = run(state, {
      type: 'gapPage',
      room: 'r',
      after: 2,
      messages: [message(3)],
      changes: [],
      roomChanges: [change(4)],
      hasMore: true,
    })
    expect(state.timelines.r?.gap).toEqual({ after: 4, before: 9 })
  })

  test('muted by a push: we are told until when; an older mute from a catch-up does not undo a later unmute', () => {
    let state = run(initialChatState(null), joinAt(1, [message(1)]))
    const muted = change(2, { change: 'muted', target: 'Me', until: 1_600_000 })
    state = run(state, { type: 'roomChanged', change: muted, live: true })
    expect(mutedUntil(state.standing.r, 1_000_000)).toBe(1_600_000)
    expect(mutedUntil(state.standing.r, 1_600_001)).toBeUndefined()
    expect(lines(state).at(-1)).toBe('alice muted Me for 10 minutes')
    state = run(state, { type: 'roomChanged', change: change(3, { change: 'unmuted', target: 'me' }), live: true })
    state = run(state, { type: 'history', room: 'r', direction: 'newer', messages: [], roomChanges: [muted] })
    expect(mutedUntil(state.standing.r, 1_000_000)).toBeUndefined()
    // Someone else's mute is not ours.
    state = run(state, { type: 'roomChanged', change: change(4, { change: 'muted', target: 'bob' }), live: true })
    expect(mutedUntil(state.standing.r, 1_000_000)).toBeUndefined()
  })

  test('removed or banned by a push: the room closes with a notice naming who did it; from a catch-up it does not', () => {
    const base = run(initialChatState(null), joinAt(1, [message(1)]))
    const banned = change(2, { change: 'banned', target: 'me' })
    const caughtUp = run(base, { type: 'history', room: 'r', direction: 'newer', messages: [], roomChanges: [banned] })
    expect(caughtUp.rooms).toEqual(['r'])
    const live = run(base, { type: 'roomChanged', change: banned, live: true })
    expect(live.rooms).toEqual([])
    expect(live.roomSettings.r).toBeUndefined()
    expect(live.notice).toBe('alice banned you from #r for good.')
    const removedOther = run(base, {
      type: 'roomChanged',
      change: change(2, { change: 'removed', target: 'bob' }),
      live: true,
    })
    expect(removedOther.rooms).toEqual(['r'])
    expect(lines(removedOther).at(-1)).toBe('bob was removed by alice')
  })
})

describe('rights and words', () => {
  test('owners manage and moderate, moderators moderate, the operator does everything, others nothing', () => {
    const settings = { ...SETTINGS, moderators: ['Carol'] }
    expect(rightsOf(settings, 'ALICE', false)).toMatchObject({ owner: true, moderate: true, manage: true })
    expect(rightsOf(settings, 'carol', false)).toMatchObject({ moderator: true, moderate: true, manage: false })
    expect(rightsOf(settings, 'bob', false)).toMatchObject({ moderate: false, manage: false })
    expect(rightsOf(settings, 'bob', true)).toMatchObject({ operator: true, moderate: true, manage: true })
    expect(rightsOf({ ...settings, owner: undefined }, 'alice', false).manage).toBe(false)
  })

  test('each change reads as a sentence', () => {
    const at = (fields: Partial<RoomChange>) => describeRoomChange(change(1, fields))
    expect(at({ change: 'muted', target: 'bob', until: 1_000_000 + 3_600_000 })).toBe('alice muted bob for 1 hour')
    expect(at({ change: 'banned', target: 'bob', until: 1_000_000 + 86_400_000 })).toBe(
      'bob was banned by alice for 1 day',
    )
    expect(at({ change: 'banned', target: 'bob', address: true })).toBe(
      'bob was banned by alice for good, with their address',
    )
    expect(at({ change: 'owner', target: 'bob' })).toBe('alice handed the room to bob')
    expect(at({ change: 'moderatorAdded', target: 'carol' })).toBe('carol is now a moderator (named by alice)')
    expect(at({ change: 'slowMode', settings: { ...SETTINGS, slowModeSeconds: 30 } })).toBe(
      'slow mode: one message per 30 s (set by alice)',
    )
    expect(at({ change: 'slowMode', settings: SETTINGS })).toBe('alice turned slow mode off')
  })
})
