import { describe, expect, test } from 'bun:test'
import type { ChatMessage, MessageChange } from '@parley/events'
import { changeLine, firstWords, messageLine, reactionCounts } from './lines.ts'

/** A fixed clock, so lines read the same everywhere. */
const time = (timestamp: number) => `t${timestamp}`

const message = (fields: Partial<ChatMessage> = {}): ChatMessage => ({
  messageId: 'm12',
  username: 'alice',
  message: 'hello there',
  timestamp: 1000,
  room: 'lobby',
  seq: 12,
  ...fields,
})

const change = (fields: Partial<MessageChange>, target: Partial<ChatMessage> = {}): MessageChange => ({
  room: 'lobby',
  seq: 20,
  change: 'edited',
  username: 'alice',
  timestamp: 2000,
  message: message({ rev: 20, ...target }),
  ...fields,
})

describe('messageLine', () => {
  test('prints the files a message carries, a line each, after its text or alone', () => {
    const files = [
      { id: 'AbCdEfGhIjKlMnOpQrStUv', name: 'shot.png', type: 'image/png', size: 2_500_000 },
      { id: 'BbCdEfGhIjKlMnOpQrStUv', name: 'app.log', type: 'text/plain', size: 900 },
    ]
    expect(messageLine(message({ files }), time, 'http://h:1')).toBe(
      [
        '[t1000 #12] alice: hello there',
        '  📎 shot.png (2.5 MB) http://h:1/files/AbCdEfGhIjKlMnOpQrStUv/shot.png',
        '  📎 app.log (900 bytes) http://h:1/files/BbCdEfGhIjKlMnOpQrStUv/app.log',
      ].join('\n'),
    )
    expect(messageLine(message({ message: '', files: files.slice(1) }), time, 'http://h:1')).toBe(
      '[t1000 #12] alice:\n  📎 app.log (900 bytes) http://h:1/files/BbCdEfGhIjKlMnOpQrStUv/app.log',
    )
    expect(messageLine(message({ deleted: true, message: '' }), time, 'http://h:1')).toBe(
      '[t1000 #12] alice: (deleted)',
    )
  })

  test("keeps the seed's shape, with the seq beside the time", () => {
    expect(messageLine(message(), time)).toBe('[t1000 #12] alice: hello there')
  })

  test('a reply names whom it answers and quotes their first words', () => {
    const reply = message({
      username: 'bob',
      message: 'agreed',
      seq: 13,
      replyTo: { seq: 12, username: 'alice', excerpt: 'shall we meet on Thursday afternoon at the usual place' },
    })
    expect(messageLine(reply, time)).toBe('[t1000 #13] bob ↪ alice "shall we meet on Thursday…": agreed')
  })

  test('a reply to a deleted message says so', () => {
    const reply = message({ username: 'bob', replyTo: { seq: 3, username: 'alice', excerpt: '', deleted: true } })
    expect(messageLine(reply, time)).toBe('[t1000 #12] bob ↪ alice (deleted message): hello there')
  })

  test('a replayed message shows that it was edited, deleted, or reacted to', () => {
    expect(messageLine(message({ editedAt: 1500, rev: 14 }), time)).toBe('[t1000 #12] alice: hello there (edited)')
    expect(messageLine(message({ deleted: true, message: '', rev: 15 }), time)).toBe('[t1000 #12] alice: (deleted)')
    const reacted = message({
      rev: 16,
      reactions: [
        { emoji: '👍', users: ['bob', 'carol'] },
        { emoji: '🎉', users: ['bob'] },
      ],
    })
    expect(messageLine(reacted, time)).toBe('[t1000 #12] alice: hello there  [👍 2 🎉 1]')
  })
})

describe('formatted messages', () => {
  test('a code block is indented on lines of its own, with (edited) after it, not in it', () => {
    const code = message({ message: '```js\nlet a = 1\n```', editedAt: 1500, rev: 14 })
    expect(messageLine(code, time)).toBe('[t1000 #12] alice:\n    let a = 1\n(edited)')
    const mixed = message({ message: 'see:\n```\nx()\n```\n> **quoted**' })
    expect(messageLine(mixed, time)).toBe('[t1000 #12] alice: see:\n    x()\n> **quoted**')
  })

  test('an edit prints its new text the same way', () => {
    expect(changeLine(change({}, { message: '```\nfixed()\n```', editedAt: 2000 }), time)).toBe(
      '[t2000] alice edited #12:\n    fixed()',
    )
  })
})

describe('changeLine', () => {
  test('an edit shows the new text', () => {
    expect(changeLine(change({}, { message: 'hello, fixed', editedAt: 2000 }), time)).toBe(
      '[t2000] alice edited #12: hello, fixed',
    )
  })

  test('an edit replayed after the message was deleted says so instead of showing empty text', () => {
    expect(changeLine(change({ seq: 14 }, { message: '', deleted: true, rev: 15 }), time)).toBe(
      '[t2000] alice edited #12 (since deleted)',
    )
  })

  test('a deletion names the message only', () => {
    expect(changeLine(change({ change: 'deleted' }, { message: '', deleted: true }), time)).toBe(
      '[t2000] alice deleted #12',
    )
  })

  test('a reaction shows who, which emoji, and the counts now', () => {
    const reactions = [{ emoji: '👍', users: ['carol', 'bob'] }]
    expect(changeLine(change({ change: 'reacted', username: 'bob', emoji: '👍' }, { reactions }), time)).toBe(
      '[t2000] bob reacted 👍 to #12 (👍 2)',
    )
  })

  test('taking a reaction back shows what is left, or nothing', () => {
    expect(changeLine(change({ change: 'unreacted', username: 'bob', emoji: '👍' }), time)).toBe(
      '[t2000] bob took back 👍 on #12',
    )
  })
})

describe('firstWords', () => {
  test('short text stays whole, on one line', () => {
    expect(firstWords('two\nlines')).toBe('two lines')
  })

  test('long text is cut at a word, or mid-word when there is no space', () => {
    expect(firstWords('one two three four', 10)).toBe('one two…')
    expect(firstWords('abcdefghijklmnop', 10)).toBe('abcdefghij…')
  })

  test('counts emoji as one character each, never splitting one', () => {
    expect(firstWords('👍'.repeat(12), 10)).toBe(`${'👍'.repeat(10)}…`)
  })
})

test('reactionCounts skips emoji nobody holds any more', () => {
  expect(reactionCounts([{ emoji: '👍', users: [] }])).toBe('')
  expect(reactionCounts(undefined)).toBe('')
})
