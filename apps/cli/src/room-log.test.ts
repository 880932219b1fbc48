import { describe, expect, test } from 'bun:test'
import type { ChatMessage, MessageChange, RoomChange } from '@parley/events'
import { entriesOf } from './catch-up.ts'
import { RoomLog } from './room-log.ts'

const message = (seq: number, fields: Partial<ChatMessage> = {}): ChatMessage => ({
  messageId: `m${seq}`,
  username: 'alice',
  message: `text ${seq}`,
  timestamp: seq * 1000,
  room: 'lobby',
  seq,
  ...fields,
})

const edit = (seq: number, target: ChatMessage): MessageChange => ({
  room: 'lobby',
  seq,
  change: 'edited',
  username: target.username,
  timestamp: seq * 1000,
  message: { ...target, message: `edited at ${seq}`, editedAt: seq * 1000, rev: seq },
})

describe('RoomLog', () => {
  test('a message or change is new once; held advances with each', () => {
    const log = new RoomLog()
    log.heldThrough(4)
    expect(log.addMessage(message(4))).toBe(false)
    expect(log.addMessage(message(5))).toBe(true)
    expect(log.applyChange(edit(6, message(5)))).toBe(true)
    expect(log.applyChange(edit(6, message(5)))).toBe(false)
    expect(log.held).toBe(6)
    expect(log.message(5)?.message).toBe('edited at 6')
  })

  test('of two copies of a message the one with the higher rev stays', () => {
    const log = new RoomLog()
    log.addMessage(message(5))
    log.applyChange(edit(9, message(5)))
    expect(log.hold(edit(7, message(5)).message)).toBe(false)
    expect(log.hold(message(5))).toBe(false)
    expect(log.message(5)?.message).toBe('edited at 9')
  })

  test('a change to a message not held counts as seen but is not taken up', () => {
    const log = new RoomLog()
    expect(log.applyChange(edit(8, message(2)))).toBe(true)
    expect(log.held).toBe(8)
    expect(log.message(2)).toBeUndefined()
  })

  test('rewound to a lower seq, the entries after it are forgotten and new ones there are new', () => {
    const log = new RoomLog()
    for (const seq of [1, 2, 3]) log.addMessage(message(seq))
    log.sent(1)
    log.sent(3)
    log.rewind(1)
    expect(log.held).toBe(1)
    expect(log.message(3)).toBeUndefined()
    expect(log.lastSent()).toBe(1)
    expect(log.addMessage(message(2, { messageId: 'other', message: 'after the loss' }))).toBe(true)
    expect(log.message(2)?.message).toBe('after the loss')
  })

  test("a join answer parts from the log held where it is shorter, or where the newest message held is another's", () => {
    const log = new RoomLog()
    for (const seq of [1, 2, 3, 4]) log.addMessage(message(seq))
    const same = [1, 2, 3, 4].map((seq) => message(seq))
    expect(log.partsAt({ lastSeq: 4, messages: same })).toBeUndefined()
    expect(log.partsAt({ lastSeq: 6, messages: [...same, message(5), message(6)] })).toBeUndefined()
    // A window of latest messages that does not reach ours says nothing.
    expect(log.partsAt({ lastSeq: 90, messages: [message(60)] })).toBeUndefined()
    expect(log.partsAt({ lastSeq: 2, messages: same.slice(0, 2) })).toBe(2)
    // 3 and 4 were lost; two others took their seqs, and one more came.
    const others = [message(3, { messageId: 'x3' }), message(4, { messageId: 'x4' }), message(5)]
    expect(log.partsAt({ lastSeq: 5, messages: [...same.slice(0, 2), ...others] })).toBe(2)
    // 4 is a change now: no message there.
    expect(log.partsAt({ lastSeq: 5, messages: [...same.slice(0, 3), message(5)] })).toBe(3)
  })

  test('the last message sent skips deleted ones', () => {
    const log = new RoomLog()
    expect(log.lastSent()).toBeUndefined()
    log.addMessage(message(1))
    log.addMessage(message(2))
    log.sent(1)
    log.sent(2)
    expect(log.lastSent()).toBe(2)
    log.hold(message(2, { deleted: true, message: '', rev: 3 }))
    expect(log.lastSent()).toBe(1)
  })

  test('keeps the newest messages when there are too many', () => {
    const log = new RoomLog()
    for (let seq = 1; seq <= 600; seq++) log.addMessage(message(seq))
    expect(log.message(1)).toBeUndefined()
    expect(log.message(600)).toBeDefined()
    expect(log.held).toBe(600)
  })
})

const topic = (seq: number): RoomChange => ({
  room: 'lobby',
  seq,
  change: 'topic',
  username: 'alice',
  timestamp: seq * 1000,
  settings: { topic: 'Friday', private: false, slowModeSeconds: 0, moderators: [] },
})

test("a history page's messages, their changes and the room's changes come out in the log's order", () => {
  const entries = entriesOf({
    messages: [message(3), message(5)],
    changes: [edit(4, message(3)), edit(7, message(5))],
    roomChanges: [topic(6)],
  })
  expect(entries.map((entry) => `${entry.kind} ${entry.seq}`)).toEqual([
    'message 3',
    'change 4',
    'message 5',
    'room 6',
    'change 7',
  ])
})

test('a change to the room is new once and counts as seen', () => {
  const log = new RoomLog()
  log.addMessage(message(1))
  expect(log.applyRoomChange(topic(2))).toBe(true)
  expect(log.applyRoomChange(topic(2))).toBe(false)
  expect(log.held).toBe(2)
})
