import { describe, expect, test } from 'bun:test'
import { events } from './events.ts'
import { handoffAnswerSchema, handoffRedeemSchema } from './fields.ts'
import { continueCode, continueLink, isSingleEmoji, UNREAD_COUNT_LIMIT, usernameKey } from './rules.ts'

describe('the seed contract', () => {
  test('join defaults the room to general, as the seed does', () => {
    expect(events.join.request.parse({ username: 'alice' })).toEqual({ username: 'alice', room: 'general' })
  })

  test("the seed's limits hold: names up to 50, messages 1 to 500 characters", () => {
    expect(events.join.request.safeParse({ username: 'a'.repeat(50) }).success).toBe(true)
    expect(events.join.request.safeParse({ username: 'a'.repeat(51) }).success).toBe(false)
    expect(events.join.request.safeParse({ username: '' }).success).toBe(false)
    expect(events.sendMessage.request.safeParse({ message: 'x'.repeat(500) }).success).toBe(true)
    expect(events.sendMessage.request.safeParse({ message: 'x'.repeat(501) }).success).toBe(false)
    expect(events.sendMessage.request.safeParse({ message: '' }).success).toBe(false)
  })

  test("what the server sends still parses with the seed's narrower shapes", () => {
    const message = { messageId: 'm1', username: 'alice', message: 'hi', timestamp: 1, room: 'general', seq: 1 }
    expect(events.message.request.parse(message)).toEqual(message)
    expect(
      events.join.response.parse({
        success: true,
        message: 'Welcome',
        users: ['a'],
        room: 'general',
        lastSeq: 0,
        messages: [],
        token: 'session-token-1234',
        editWindowSeconds: 900,
        uploadLimits: { maxBytes: 25_000_000, maxFiles: 10 },
        readSeq: 0,
        unread: 0,
        notify: 'mentions',
        settings: { topic: '', private: false, slowModeSeconds: 0, moderators: [] },
      }),
    ).toMatchObject({
      success: true,
      users: ['a'],
    })
  })

  test("a join's unread count stops at UNREAD_COUNT_LIMIT", () => {
    const unread = events.join.response.shape.unread
    expect(unread.safeParse(UNREAD_COUNT_LIMIT).success).toBe(true)
    expect(unread.safeParse(UNREAD_COUNT_LIMIT + 1).success).toBe(false)
    expect(unread.safeParse(-1).success).toBe(false)
  })
})

describe('names', () => {
  test('surrounding space is trimmed from usernames and rooms', () => {
    expect(events.join.request.parse({ username: '  alice ', room: ' lobby ' })).toEqual({
      username: 'alice',
      room: 'lobby',
    })
  })

  test('blank names are refused with words a person understands', () => {
    const result = events.join.request.safeParse({ username: '   ', room: '' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Pick a username', 'Name a room'])
  })
})

describe('history pages', () => {
  test('the limit defaults to 50 and is bounded', () => {
    expect(events.history.request.parse({ room: 'general' })).toEqual({ room: 'general', limit: 50 })
    expect(events.history.request.safeParse({ room: 'general', limit: -1 }).success).toBe(false)
    expect(events.history.request.safeParse({ room: 'general', limit: 201 }).success).toBe(false)
    expect(events.history.request.safeParse({ room: 'general', limit: 1.5 }).success).toBe(false)
  })

  test('a page goes one way: before, after or around, not several', () => {
    for (const page of [
      { before: 10, after: 2 },
      { around: 5, after: 2 },
    ]) {
      const result = events.history.request.safeParse({ room: 'general', ...page })
      expect(result.error?.issues[0]?.message).toBe('Ask for messages before, after or around one seq, not several')
    }
    expect(events.history.request.safeParse({ room: 'general', around: 5 }).success).toBe(true)
  })

  test('message ids sent by clients are short and plain', () => {
    const send = (clientId: string) => events.sendMessage.request.safeParse({ message: 'hi', clientId }).success
    expect(send('c0ffee-1234_abcd')).toBe(true)
    expect(send('short')).toBe(false)
    expect(send('x'.repeat(65))).toBe(false)
    expect(send('<script>alert(1)</script>')).toBe(false)
  })
})

describe('usernames', () => {
  test('are NFKC-normalised and compared without case', () => {
    expect(events.join.request.parse({ username: 'ａｌｉｃｅ' }).username).toBe('alice')
    expect(usernameKey(' Alice ')).toBe(usernameKey('ALICE'))
  })

  test('refuse control and invisible characters', () => {
    for (const username of ['a\u200bb', 'a\u0007b', 'a\u202eb']) {
      const result = events.join.request.safeParse({ username })
      expect(result.error?.issues[0]?.message).toBe('A username cannot contain control or invisible characters')
    }
  })
})

test('room names are folded to lower case, so "General" is general', () => {
  expect(events.join.request.parse({ username: 'a', room: ' General ' }).room).toBe('general')
})

describe('reactions', () => {
  test('are one emoji, skin tones, flags, keycaps and joined families included', () => {
    for (const emoji of ['👍', '👍🏽', '👨‍👩‍👧', '🇫🇷', '1️⃣', '❤️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) expect(isSingleEmoji(emoji)).toBe(true)
  })

  test('refuse text, digits, two emoji and lone parts, in words', () => {
    for (const text of ['', 'ok', '1', '#', '👍👍', '👍a', '\u200d', '🇫', '🇫🇷🇩🇪', '<b>'])
      expect(isSingleEmoji(text)).toBe(false)
    const result = events.react.request.safeParse({
      room: 'general',
      seq: 1,
      emoji: 'lol',
      add: true,
      clientId: 'change-0001',
    })
    expect(result.error?.issues[0]?.message).toBe('A reaction is a single emoji')
  })

  test('changes carry an id of their own, described as such', () => {
    const result = events.deleteMessage.request.safeParse({ room: 'general', seq: 1, clientId: 'x' })
    expect(result.error?.issues[0]?.message).toBe('A change id has 8 to 64 characters')
  })
})

describe('continuing on another device', () => {
  const code = `${'A'.repeat(42)}_`

  test('a link carries the code in its fragment, and only a continue fragment gives one back', () => {
    const link = continueLink('https://chat.example', code)
    expect(link).toBe(`https://chat.example/#continue=${code}`)
    expect(continueCode(new URL(link).hash)).toBe(code)
    for (const hash of ['', '#', '#continue=', '#other=abc', '#continue=a b', '#continue=abc&x=1']) {
      expect(continueCode(hash)).toBeNull()
    }
  })

  test('codes are 43 base64url characters; a redemption names one and nothing else', () => {
    expect(handoffRedeemSchema.safeParse({ code }).success).toBe(true)
    for (const bad of [code.slice(1), `${code}A`, `${code.slice(1)}/`, 43, null]) {
      expect(handoffRedeemSchema.safeParse({ code: bad }).success).toBe(false)
    }
    expect(events.handoff.response.safeParse({ code, expiresAt: 1 }).success).toBe(true)
    expect(handoffAnswerSchema.safeParse({ username: 'alice', token: 'short', rooms: [] }).success).toBe(false)
  })
})

describe('read state', () => {
  test('markRead takes a room and a place in its log, 0 or more', () => {
    expect(events.markRead.request.parse({ room: ' Lobby ', seq: 3 })).toEqual({ room: 'lobby', seq: 3 })
    expect(events.markRead.request.safeParse({ room: 'lobby', seq: -1 }).success).toBe(false)
    expect(events.markRead.request.safeParse({ room: 'lobby', seq: 1.5 }).success).toBe(false)
  })

  test('a notification level is all, mentions or nothing, refused in words otherwise', () => {
    for (const level of ['all', 'mentions', 'nothing']) {
      expect(events.notifyLevel.request.safeParse({ room: 'lobby', level }).success).toBe(true)
    }
    const wrong = events.notifyLevel.request.safeParse({ room: 'lobby', level: 'loud' })
    expect(wrong.error?.issues[0]?.message).toBe("A notification level is 'all', 'mentions' or 'nothing'")
  })

  test('the readState push carries the room, the position and the level', () => {
    const push = { room: 'lobby', seq: 4, notify: 'all' } as const
    expect(events.readState.request.parse(push)).toEqual(push)
  })
})
