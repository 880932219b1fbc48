import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import { type ChatAction, type ChatState, chatReducer, initialChatState, RELOADED_TEXT } from './state.ts'
import { timelineItems } from './timeline-items.ts'

function message(room: string, seq: number, username = 'bob'): ChatMessage {
  return { messageId: `${room}-${seq}`, username, message: `msg ${seq}`, timestamp: seq, room, seq }
}

function range(room: string, from: number, to: number): ChatMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => message(room, from + i))
}

function run(state: ChatState, ...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, state)
}

function joined(room: string, lastSeq: number, select = true, messages = range(room, 1, lastSeq)): ChatAction {
  return { type: 'joined', username: 'me', answer: { room, users: ['me'], lastSeq, messages }, select }
}

function texts(state: ChatState, room: string): string[] {
  const timeline = state.timelines[room]
  return timeline ? timelineItems(timeline).flatMap((item) => (item.kind === 'message' ? [item.message] : [])) : []
}

describe('the chat reducer', () => {
  test('a first join shows the history without counting it unread', () => {
    const state = run(initialChatState(null), joined('a', 3), joined('b', 2, false))
    expect(texts(state, 'a')).toEqual(['msg 1', 'msg 2', 'msg 3'])
    expect(texts(state, 'b')).toEqual(['msg 1', 'msg 2'])
    expect(state.current).toBe('a')
    expect(state.unread.b ?? 0).toBe(0)
  })

  test('what a room off screen missed counts as unread, once, from the rejoin and the catch-up', () => {
    let state = run(initialChatState(null), joined('a', 1), joined('b', 2, false))
    state = run(state, joined('b', 4, false), {
      type: 'history',
      room: 'b',
      messages: range('b', 3, 6),
      direction: 'newer',
    })
    expect(texts(state, 'b')).toEqual(['msg 1', 'msg 2', 'msg 3', 'msg 4', 'msg 5', 'msg 6'])
    expect(state.unread.b).toBe(4)
    state = run(state, { type: 'history', room: 'b', messages: range('b', 1, 2), direction: 'older' })
    expect(state.unread.b).toBe(4)
  })

  test('a pending message becomes sent on its answer, and the push adds no second copy', () => {
    let state = run(initialChatState(null), joined('a', 0))
    state = run(state, {
      type: 'outgoing',
      message: {
        clientId: 'abcd-1234',
        room: 'a',
        username: 'me',
        message: 'hi',
        createdAt: 1,
        status: 'pending',
        error: null,
      },
    })
    expect(state.timelines.a?.outbox).toHaveLength(1)
    state = run(
      state,
      { type: 'sent', room: 'a', clientId: 'abcd-1234', answer: { messageId: 'x', timestamp: 2, room: 'a', seq: 1 } },
      { type: 'message', message: { ...message('a', 1, 'me'), message: 'hi', clientId: 'abcd-1234' } },
    )
    expect(texts(state, 'a')).toEqual(['hi'])
    expect(timelineItems(state.timelines.a ?? never()).map((item) => item.kind === 'message' && item.status)).toEqual([
      'sent',
    ])
  })

  test('unconfirmed messages saved before a reload come back failed, with their text', () => {
    const saved = { clientId: 'abcd-1234', room: 'a', username: 'me', message: 'keep me', createdAt: 1 }
    const state = initialChatState({ username: 'me', rooms: ['a'], current: 'a' }, [saved, { ...saved, room: 'gone' }])
    expect(state.timelines.a?.outbox).toEqual([{ ...saved, status: 'failed', error: RELOADED_TEXT }])
    expect(state.timelines.gone).toBeUndefined()
    const after = run(state, joined('a', 1, true, [{ ...message('a', 1, 'me'), clientId: 'abcd-1234' }]))
    expect(after.timelines.a?.outbox).toEqual([])
  })

  test('a push for a room that was left does not come back as a timeline with holes', () => {
    let state = run(initialChatState(null), joined('a', 3), { type: 'left', room: 'a' })
    state = run(state, { type: 'message', message: message('a', 1) })
    state = run(state, joined('a', 80, true, range('a', 31, 80)))
    expect(state.timelines.a?.messages[0]?.seq).toBe(31)
    expect(state.timelines.a?.syncedThrough).toBe(80)
  })
})

describe('unread, mentions and the "New messages" line', () => {
  const push = (room: string, seq: number, username = 'bob', text = `msg ${seq}`): ChatAction => ({
    type: 'message',
    message: { ...message(room, seq, username), message: text },
  })

  test('a room off screen counts messages from others, and mentions of us apart', () => {
    const state = run(
      initialChatState(null),
      joined('a', 1),
      joined('b', 1, false),
      push('b', 2),
      push('b', 3, 'me'),
      push('b', 4, 'carl', 'hey @ME, look'),
    )
    expect(state.unread).toEqual({ b: 2 })
    expect(state.mentions).toEqual({ b: 1 })
    expect(state.firstUnread).toEqual({ b: 2 })
  })

  test('opening the room puts the line before its first unread message and clears its counts', () => {
    let state = run(initialChatState(null), joined('a', 1), joined('b', 1, false), push('b', 2), push('b', 3))
    state = run(state, { type: 'select', room: 'b' })
    expect(state.divider).toEqual({ b: 2 })
    expect(state.unread.b ?? 0).toBe(0)
    expect(state.firstUnread.b).toBeUndefined()
    state = run(state, { type: 'select', room: 'a' })
    expect(state.divider).toEqual({})
  })

  test('the room on screen counts while it is not being read, and is read when it is again', () => {
    let state = run(initialChatState(null), joined('a', 1), push('a', 2))
    expect(state.unread.a ?? 0).toBe(0)
    state = run(state, { type: 'reading', reading: false }, push('a', 3), push('a', 4, 'carl', '@me?'))
    expect(state.unread.a).toBe(2)
    expect(state.mentions.a).toBe(1)
    expect(state.divider.a).toBe(3)
    state = run(state, { type: 'reading', reading: true })
    expect(state.unread.a ?? 0).toBe(0)
    expect(state.mentions.a ?? 0).toBe(0)
    expect(state.divider.a).toBe(3)
    state = run(state, { type: 'markRead', room: 'a' })
    expect(state.divider.a).toBeUndefined()
  })

  test('typing: kept per room for others only, ended by their message, their leaving, or time', () => {
    let state = run(
      initialChatState(null),
      joined('a', 0),
      { type: 'typing', room: 'a', username: 'bob', at: 1_000 },
      { type: 'typing', room: 'a', username: 'carl', at: 2_000 },
      { type: 'typing', room: 'a', username: 'ME', at: 2_000 },
      { type: 'typing', room: 'elsewhere', username: 'bob', at: 2_000 },
    )
    expect(state.typing).toEqual({ a: { bob: 1_000, carl: 2_000 } })
    state = run(state, push('a', 1, 'bob'))
    expect(state.typing).toEqual({ a: { carl: 2_000 } })
    state = run(
      state,
      { type: 'typing', room: 'a', username: 'dora', at: 3_000 },
      { type: 'userLeft', room: 'a', username: 'dora' },
    )
    expect(state.typing).toEqual({ a: { carl: 2_000 } })
    state = run(state, { type: 'typingExpired', now: 6_999 })
    expect(state.typing).toEqual({ a: { carl: 2_000 } })
    state = run(state, { type: 'typingExpired', now: 7_000 })
    expect(state.typing).toEqual({})
  })

  test('a room linked by the address is shown first if this tab is in it', () => {
    const session = { username: 'me', rooms: ['a', 'b'], current: 'a' }
    expect(initialChatState(session, [], 'b').current).toBe('b')
    expect(initialChatState(session, [], 'zzz').current).toBe('a')
  })
})

function never(): never {
  throw new Error('missing')
}

describe('changes to messages, replies and edits', () => {
  const edit = (room: string, seq: number, of: number, text: string): ChatAction => ({
    type: 'changed',
    change: {
      room,
      seq,
      change: 'edited',
      username: 'bob',
      timestamp: seq,
      message: { ...message(room, of), message: text, editedAt: seq, rev: seq },
    },
  })

  test('a change shows on the message, is not unread, and a catch-up page brings changes with messages', () => {
    let state = run(initialChatState(null), joined('a', 2), joined('b', 2, false))
    state = run(state, edit('b', 3, 1, 'one, fixed'))
    expect(texts(state, 'b')).toEqual(['one, fixed', 'msg 2'])
    expect(state.timelines.b?.syncedThrough).toBe(3)
    expect(state.unread.b ?? 0).toBe(0)
    state = run(state, joined('b', 6, false, range('b', 1, 2)), {
      type: 'history',
      room: 'b',
      messages: [message('b', 5)],
      changes: [
        {
          room: 'b',
          seq: 4,
          change: 'deleted',
          username: 'bob',
          timestamp: 4,
          message: { ...message('b', 2), message: '', deleted: true, rev: 4 },
        },
        {
          room: 'b',
          seq: 6,
          change: 'reacted',
          username: 'ann',
          emoji: '👍',
          timestamp: 6,
          message: { ...message('b', 5), reactions: [{ emoji: '👍', users: ['ann'] }], rev: 6 },
        },
      ],
      direction: 'newer',
    })
    expect(texts(state, 'b')).toEqual(['one, fixed', '', 'msg 5'])
    expect(state.timelines.b?.messages.at(-1)?.reactions).toEqual([{ emoji: '👍', users: ['ann'] }])
    expect(state.timelines.b?.syncedThrough).toBe(6)
    expect(state.unread.b).toBe(1)
  })

  test('a change pushed for a room that was left is dropped', () => {
    const state = run(initialChatState(null), joined('a', 3), { type: 'left', room: 'a' }, edit('a', 4, 1, 'x'))
    expect(state.timelines.a).toBeUndefined()
  })

  test('the edit window comes from the join answer', () => {
    const answer = { room: 'a', users: ['me'], lastSeq: 0, messages: [], editWindowSeconds: 900 }
    const state = run(initialChatState(null), { type: 'joined', username: 'me', answer, select: true })
    expect(state.editWindowSeconds).toBe(900)
    expect(run(state, joined('b', 0)).editWindowSeconds).toBe(900)
  })

  test('the reply being written and the message being edited are per room, and go with the room', () => {
    let state = run(initialChatState(null), joined('a', 3), joined('b', 3))
    state = run(
      state,
      { type: 'replyTo', room: 'a', seq: 2 },
      { type: 'editing', room: 'a', seq: 3 },
      { type: 'replyTo', room: 'gone', seq: 1 },
    )
    expect(state.replyTo).toEqual({ a: 2 })
    expect(state.editing).toEqual({ a: 3 })
    expect(run(state, { type: 'replyTo', room: 'a', seq: null }).replyTo).toEqual({})
    const left = run(state, { type: 'left', room: 'a' })
    expect([left.replyTo, left.editing]).toEqual([{}, {}])
  })

  test('our change shows at once in a joined room, and not in one we are not in', () => {
    const change = {
      kind: 'edit' as const,
      text: 'fixed',
      clientId: 'change-123456',
      seq: 1,
      username: 'me',
      createdAt: 1,
      status: 'pending' as const,
      error: null,
    }
    let state = run(initialChatState(null), joined('a', 1))
    state = run(state, { type: 'changeStarted', change: { ...change, room: 'a' } })
    expect(texts(state, 'a')).toEqual(['fixed'])
    expect(run(state, { type: 'changeStarted', change: { ...change, room: 'x' } })).toBe(state)
    state = run(state, { type: 'changeFailed', room: 'a', clientId: 'change-123456', error: 'no' })
    expect(state.timelines.a?.changes[0]?.status).toBe('failed')
    state = run(state, { type: 'changeDropped', room: 'a', clientId: 'change-123456' })
    expect(texts(state, 'a')).toEqual(['msg 1'])
  })
})
