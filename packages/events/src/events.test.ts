import { describe, expect, test } from 'bun:test'
import { events } from './events.ts'

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
    const message = { messageId: 'm1', username: 'alice', message: 'hi', timestamp: 1, room: 'general' }
    expect(events.message.request.parse(message)).toEqual(message)
    expect(
      events.join.response.parse({ success: true, message: 'Welcome', users: ['a'], room: 'general' }),
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
