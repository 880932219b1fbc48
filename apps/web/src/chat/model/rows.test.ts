import { describe, expect, test } from 'bun:test'
import { buildRows, dayLabel, type Row, type RowOptions } from './rows.ts'
import type { TimelineItem } from './timeline-items.ts'

const DAY = 86_400_000
const NOW = new Date(2026, 2, 18, 12, 0).getTime()

type MessageLine = Extract<TimelineItem, { kind: 'message' }>

function message(seq: number, username: string, timestamp: number, text = `m${seq}`): MessageLine {
  return {
    kind: 'message',
    key: `seq-${seq}`,
    username,
    message: text,
    timestamp,
    seq,
    status: 'sent',
    error: null,
    clientId: null,
    editedAt: null,
    deleted: false,
    reactions: [],
    replyTo: null,
    changes: [],
    files: [],
  }
}

const options: RowOptions = { username: 'me', divider: null, start: true, now: NOW }

function shape(rows: Row[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'message') return `${row.item.key}${row.continued ? '+' : ''}${row.mentionsMe ? '@' : ''}`
    if (row.kind === 'day') return `day:${row.label}`
    return row.kind
  })
}

describe('the pane’s rows', () => {
  test('group by author and minute, with a line for each day', () => {
    const t = NOW - DAY - 60 * 60_000
    const items = [
      message(1, 'ann', t),
      message(2, 'ann', t + 10_000),
      message(3, 'bob', t + 20_000),
      message(4, 'bob', t + 70_000),
      message(5, 'bob', NOW - 60_000, 'hi @me'),
    ]
    expect(shape(buildRows(items, options))).toEqual([
      'day:Yesterday',
      'seq-1',
      'seq-2+',
      'seq-3',
      'seq-4',
      'day:Today',
      'seq-5@',
    ])
  })

  test('before the start of the room is reached, the first line gets no day line', () => {
    const items = [message(7, 'ann', NOW - 5_000), message(8, 'ann', NOW - 1_000)]
    expect(shape(buildRows(items, { ...options, start: false }))).toEqual(['seq-7', 'seq-8+'])
  })

  test('the "New messages" line goes before the first unread message', () => {
    const items = [message(1, 'ann', NOW - 3_000), message(2, 'bob', NOW - 2_000), message(3, 'bob', NOW - 1_000)]
    expect(shape(buildRows(items, { ...options, divider: 2 }))).toEqual([
      'day:Today',
      'seq-1',
      'unread',
      'seq-2',
      'seq-3+',
    ])
  })

  test('our own message keeps one row key from pending to stored', () => {
    const pending: MessageLine = { ...message(0, 'me', NOW), key: 'client-x', seq: null, clientId: 'x' }
    const stored: MessageLine = { ...message(9, 'me', NOW), clientId: 'x' }
    expect(buildRows([pending], options).at(-1)?.key).toBe('own-x')
    expect(buildRows([stored], options).at(-1)?.key).toBe('own-x')
  })

  test('days are named Today, Yesterday, or by date', () => {
    expect(dayLabel(NOW - 1_000, NOW)).toBe('Today')
    expect(dayLabel(NOW - DAY, NOW)).toBe('Yesterday')
    expect(dayLabel(NOW - 3 * DAY, NOW)).not.toMatch(/Today|Yesterday|2026/)
    expect(dayLabel(NOW - 400 * DAY, NOW)).toMatch(/2025/)
  })
})
