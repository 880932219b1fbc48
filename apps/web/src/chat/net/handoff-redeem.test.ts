import { describe, expect, test } from 'bun:test'
import { readHandoffAnswer } from './handoff-redeem.ts'

const GRANT = { username: 'alice', token: 'token-0123456789abcdef', rooms: ['general', 'design'] }

describe('reading a redemption answer', () => {
  test('a 200 with a session is the session', () => {
    expect(readHandoffAnswer(200, JSON.stringify(GRANT))).toEqual({ grant: GRANT })
  })

  test('a 200 without a usable session is refused in words, not trusted', () => {
    const answer = readHandoffAnswer(200, JSON.stringify({ ...GRANT, token: 'x' }))
    expect(answer).toEqual({ error: 'The server answered the link in a way this page does not understand.' })
  })

  test("a refusal shows the server's words, or words for its status", () => {
    expect(readHandoffAnswer(410, JSON.stringify({ error: 'Used already.' }))).toEqual({ error: 'Used already.' })
    expect(readHandoffAnswer(410, '<html>gone</html>')).toEqual({
      error: 'This link has been used or has expired. Make a new one on the other device.',
    })
    expect(readHandoffAnswer(429, '')).toEqual({
      error: 'Too many tries from here: wait a minute, then open the link again.',
    })
    expect(readHandoffAnswer(502, '')).toMatchObject({ error: expect.stringContaining('error 502') })
  })
})
