import { describe, expect, test } from 'bun:test'
import { isDeletable, isEditable, lastEditable } from './editing.ts'
import type { MessageLine, TimelineItem } from './timeline-items.ts'

const MINUTE = 60_000

function line(seq: number | null, username: string, extra: Partial<MessageLine> = {}): MessageLine {
  return {
    kind: 'message',
    key: `k${seq}`,
    username,
    message: 'hi',
    timestamp: 0,
    seq,
    status: seq === null ? 'pending' : 'sent',
    error: null,
    clientId: null,
    editedAt: null,
    deleted: false,
    reactions: [],
    replyTo: null,
    changes: [],
    files: [],
    ...extra,
  }
}

describe('what we may change', () => {
  test('our own stored message, within the window; 0 or an unknown window has no limit', () => {
    expect(isEditable(line(1, 'Me'), 'me', 900, 14 * MINUTE)).toBe(true)
    expect(isEditable(line(1, 'me'), 'me', 900, 15 * MINUTE)).toBe(false)
    expect(isEditable(line(1, 'me'), 'me', 0, 1_000 * MINUTE)).toBe(true)
    expect(isEditable(line(1, 'me'), 'me', null, 1_000 * MINUTE)).toBe(true)
    expect(isEditable(line(1, 'bob'), 'me', 0, 0)).toBe(false)
    expect(isEditable(line(null, 'me'), 'me', 0, 0)).toBe(false)
    expect(isEditable(line(1, 'me', { deleted: true }), 'me', 0, 0)).toBe(false)
  })

  test('deleting: our own stored message at any time, not twice', () => {
    expect(isDeletable(line(1, 'me', { timestamp: -1e9 }), 'me')).toBe(true)
    expect(isDeletable(line(1, 'bob'), 'me')).toBe(false)
    expect(isDeletable(line(1, 'me', { deleted: true }), 'me')).toBe(false)
    expect(isDeletable(line(null, 'me'), 'me')).toBe(false)
  })

  test('↑ edits our latest stored message, past deleted ones and others, and not one out of the window', () => {
    const note: TimelineItem = { kind: 'system', key: 'n', text: 'bob joined', timestamp: 0 }
    const items: TimelineItem[] = [
      line(1, 'me'),
      line(2, 'me', { timestamp: 10 * MINUTE }),
      line(3, 'bob'),
      line(4, 'me', { deleted: true }),
      note,
      line(null, 'me'),
    ]
    expect(lastEditable(items, 'me', 900, 12 * MINUTE)).toBe(2)
    expect(lastEditable(items, 'me', 900, 30 * MINUTE)).toBeNull()
    expect(lastEditable(items, 'nobody', 900, 0)).toBeNull()
  })
})
