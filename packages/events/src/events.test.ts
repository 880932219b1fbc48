import { describe, expect, test } from 'bun:test'
import { events } from './events.ts'
import { usernameKey } from './rules.ts'

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
      }),
    ).toMatchObject({
      success: true,
      users: ['a'],
    })
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

  test('a page goes one way: before or after, not both', () => {
    const result = events.history.request.safeParse({ room: 'general', before: 10, after: 2 })
    expect(result.error?.issues[0]?.message).toBe('Ask for messages before a seq or after one, not both')
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
