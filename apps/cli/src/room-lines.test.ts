import { expect, test } from 'bun:test'
import type { RoomChange, RoomSettings } from '@parley/events'
import { minutesText, roomChangeLine, settingsLines } from './room-lines.ts'

const time = (timestamp: number) => `t${timestamp / 60_000}`
const open: RoomSettings = { topic: '', private: false, slowModeSeconds: 0, owner: 'alice', moderators: [] }

const change = (fields: Partial<RoomChange>): RoomChange => ({
  room: 'lobby',
  seq: 9,
  change: 'topic',
  username: 'alice',
  timestamp: 60_000,
  settings: open,
  ...fields,
})

test('topic and slow mode changes say what they set', () => {
  const topic = change({ settings: { ...open, topic: 'Release\non **Friday**\u001b[2J' } })
  expect(roomChangeLine(topic, 'bob', time)).toBe('[t1] * alice set the topic: Release on **Friday**[2J')
  expect(roomChangeLine(change({}), 'bob', time)).toBe('[t1] * alice cleared the topic')
  const slow = change({ change: 'slowMode', settings: { ...open, slowModeSeconds: 120 } })
  expect(roomChangeLine(slow, 'bob', time)).toBe('[t1] * alice turned slow mode on: one message per 2 minutes each')
  // Replayed after later changes, a change says what it set, not what the settings became.
  const earlier = change({ topic: 'first', settings: { ...open, topic: 'second' } })
  expect(roomChangeLine(earlier, 'bob', time)).toBe('[t1] * alice set the topic: first')
  const slower = change({ change: 'slowMode', slowModeSeconds: 30, settings: { ...open, slowModeSeconds: 0 } })
  expect(roomChangeLine(slower, 'bob', time)).toBe('[t1] * alice turned slow mode on: one message per 30 seconds each')
})

test('a mute or ban says for how long; the person it acts on is told in words', () => {
  const mute = change({ change: 'muted', target: 'bob', until: 11 * 60_000 })
  expect(roomChangeLine(mute, 'carol', time)).toBe('[t1] * alice muted bob for 10 minutes')
  expect(roomChangeLine(mute, 'Bob', time)).toBe(
    '[t1] * alice muted you for 10 minutes: you can read but not send or react until t11',
  )
  const ban = change({ change: 'banned', target: 'bob', address: true })
  expect(roomChangeLine(ban, 'carol', time)).toBe(
    '[t1] * alice banned bob for good, and the addresses they connect from',
  )
  expect(roomChangeLine(ban, 'bob', time)).toBe('[t1] * you were banned from #lobby by alice for good')
})

test('a removal tells the person how to come back', () => {
  const removed = change({ change: 'removed', target: 'bob' })
  expect(roomChangeLine(removed, 'carol', time)).toBe('[t1] * alice removed bob from #lobby')
  expect(roomChangeLine(removed, 'bob', time)).toBe(
    '[t1] * you were removed from #lobby by alice: /join lobby to come back',
  )
  const fromPrivate = change({ change: 'removed', target: 'bob', settings: { ...open, private: true } })
  expect(roomChangeLine(fromPrivate, 'bob', time)).toContain('ask for a new invite link')
})

test('lengths read as people say them', () => {
  expect(minutesText(1)).toBe('1 minute')
  expect(minutesText(90)).toBe('90 minutes')
  expect(minutesText(120)).toBe('2 hours')
  expect(minutesText(2880)).toBe('2 days')
})

test("after joining: the topic, slow mode, privacy, and one's part in running the room", () => {
  expect(settingsLines(open, 'bob')).toEqual([])
  const busy = { ...open, topic: 'Ship it', slowModeSeconds: 30, private: true, moderators: ['bob'] }
  expect(settingsLines(busy, 'BOB')).toEqual([
    'Topic: Ship it',
    'Slow mode: one message per 30 seconds each',
    'This room is private: only its invite link lets people in',
    'You moderate this room: /help lists what you can do',
  ])
  expect(settingsLines(busy, 'alice').at(-1)).toBe('You own this room: /help lists what you can do')
  const { owner: _none, ...unowned } = open
  const direct = { ...unowned, private: true, direct: ['Alice', 'bob'] }
  expect(settingsLines(direct, 'alice')).toEqual(['A direct conversation with bob: only the two of you can read it'])
  expect(settingsLines(direct, 'bob')).toEqual(['A direct conversation with Alice: only the two of you can read it'])
})
