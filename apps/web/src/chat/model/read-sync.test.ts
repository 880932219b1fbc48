import { describe, expect, test } from 'bun:test'
import type { ChatMessage, JoinResponse } from '@parley/events'
import { totalUnread } from './read-state.ts'
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './state.ts'

function message(room: string, seq: number, username = 'bob', text = `msg ${seq}`): ChatMessage {
  return { messageId: `${room}-${seq}`, username, message: text, timestamp: seq, room, seq }
}

const range = (room: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(room, from + i))

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state)

function joined(
  room: string,
  lastSeq: number,
  select: boolean,
  read: Partial<Pick<JoinResponse, 'readSeq' | 'unread' | 'notify'>> = {},
  messages = range(room, 1, lastSeq),
): ChatAction {
  return { type: 'joined', username: 'me', answer: { room, users: ['me'], lastSeq, messages, ...read }, select }
}

describe("read state from the server's position", () => {
  test('a reloaded tab counts what follows the read position as unread, mentions apart', () => {
    const messages = [...range('b', 1, 3), message('b', 4, 'me'), message('b', 5, 'carl', 'hi @me')]
    const state = run(initialChatState(null), joined('a', 1, true), joined('b', 5, false, { readSeq: 2 }, messages))
    expect(state.unread).toEqual({ b: 2 })
    expect(state.mentions).toEqual({ b: 1 })
    expect(state.firstUnread).toEqual({ b: 3 })
    expect(state.readSeq.b).toBe(2)
    expect(state.savedSeq.b).toBe(2)
  })

  test('a position of 0 (never marked) counts none of the history, as before', () => {
    const state = run(initialChatState(null), joined('a', 1, true), joined('b', 4, false, { readSeq: 0 }))
    expect(state.unread).toEqual({})
  })

  test("opening a room puts the line where the server's position was, and reads it through its newest", () => {
    let state = run(initialChatState(null), joined('a', 1, true), joined('b', 6, false, { readSeq: 4 }))
    state = run(state, { type: 'select', room: 'b' })
    expect(state.divider).toEqual({ b: 5 })
    expect(state.unread.b ?? 0).toBe(0)
    expect(state.readSeq.b).toBe(6)
    // Read here, not yet saved: the difference is what the tab sends.
    expect(state.savedSeq.b).toBe(4)
  })

  test('the room on screen of a reloaded tab shows its line and counts as read', () => {
    const session = { username: 'me', rooms: ['b'], current: 'b' }
    const state = run(initialChatState(session), joined('b', 5, false, { readSeq: 3 }))
    expect(state.divider).toEqual({ b: 4 })
    expect(state.unread).toEqual({})
    expect(state.readSeq.b).toBe(5)
  })

  test('read elsewhere through the newest clears the count; through part of it leaves the rest', () => {
    let state = run(initialChatState(null), joined('a', 1, true), joined('b', 1, false, { readSeq: 1 }))
    state = run(state, ...range('b', 2, 5).map((m): ChatAction => ({ type: 'message', message: m })))
    expect(state.unread.b).toBe(4)
    state = run(state, { type: 'readSaved', room: 'b', seq: 3 })
    expect(state.unread.b).toBe(2)
    expect(state.firstUnread.b).toBe(4)
    state = run(state, { type: 'readSaved', room: 'b', seq: 5, notify: 'all' })
    expect(state.unread.b ?? 0).toBe(0)
    expect(state.notify.b).toBe('all')
    // An older position changes nothing.
    const before = state
    expect(run(state, { type: 'readSaved', room: 'b', seq: 2 })).toBe(before)
  })

  test('messages read as they arrive move the position; the level comes with the join and goes with the room', () => {
    let state = run(initialChatState(null), joined('a', 1, true, { readSeq: 1, notify: 'nothing' }))
    expect(state.notify.a).toBe('nothing')
    state = run(state, { type: 'message', message: message('a', 2) })
    expect(state.readSeq.a).toBe(2)
    state = run(state, { type: 'notifyLevel', room: 'a', level: 'all' })
    expect(state.notify.a).toBe('all')
    state = run(state, { type: 'left', room: 'a' })
    expect([state.readSeq.a, state.savedSeq.a, state.notify.a]).toEqual([undefined, undefined, undefined])
  })
})

describe("the server's unread count, for more than a join brings", () => {
  const reloaded = { username: 'me', rooms: ['a', 'b'], current: 'a' }
  /** b holds 300 messages after the position at 100; the answer brings its newest 50. */
  const bigRoom = (unread = 300) => joined('b', 400, false, { readSeq: 100, unread }, range('b', 351, 400))

  test('a reloaded tab counts what the server counted until it holds everything after the position', () => {
    let state = run(initialChatState(reloaded), joined('a', 1, false), bigRoom())
    expect(state.unread.b).toBe(300)
    expect(totalUnread(state, state.rooms)).toBe(300)
    expect(state.firstUnread.b).toBe(351)
    // Messages arriving later add to it; opening the room reads it all.
    state = run(state, { type: 'message', message: message('b', 401) })
    expect(state.unread.b).toBe(301)
    state = run(state, { type: 'select', room: 'b' })
    expect(state.unread.b ?? 0).toBe(0)
    expect(state.divider).toEqual({ b: 351 })
  })

  test('read elsewhere, the count goes as it does today', () => {
    let state = run(initialChatState(reloaded), joined('a', 1, false), bigRoom())
    state = run(state, { type: 'readSaved', room: 'b', seq: 400 })
    expect(state.unread.b ?? 0).toBe(0)
  })

  test('pushes that came before the answer count besides it; the capped count stays a floor', () => {
    let state = run(initialChatState(reloaded), joined('a', 1, false))
    state = run(state, { type: 'message', message: message('b', 401) }, bigRoom(1000))
    expect(state.unread.b).toBe(1001)
  })

  test('an answer that brings everything after the position counts what it brings', () => {
    // The whole room (fewer than a page), and a page that reaches back to the position.
    const whole = joined('b', 10, false, { readSeq: 4, unread: 9 }, range('b', 1, 10))
    const back = joined('b', 60, false, { readSeq: 10, unread: 99 }, range('b', 11, 60))
    expect(run(initialChatState(reloaded), joined('a', 1, false), whole).unread.b).toBe(6)
    expect(run(initialChatState(reloaded), joined('a', 1, false), back).unread.b).toBe(50)
  })

  test('a position of 0 (never marked) ignores the count; a rejoin counts what it catches up on instead', () => {
    const never = joined('b', 400, false, { readSeq: 0, unread: 400 }, range('b', 351, 400))
    expect(run(initialChatState(reloaded), joined('a', 1, false), never).unread.b ?? 0).toBe(0)
    let state = run(initialChatState(reloaded), joined('a', 1, false), bigRoom())
    state = run(state, { type: 'readSaved', room: 'b', seq: 400 })
    const rejoin = joined('b', 402, false, { readSeq: 400, unread: 2 }, [
      ...range('b', 353, 400),
      ...range('b', 401, 402),
    ])
    expect(run(state, rejoin).unread.b).toBe(2)
  })
})
