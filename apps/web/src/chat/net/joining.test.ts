import { describe, expect, test } from 'bun:test'
import type { JoinResponse } from '@parley/events'
import { WsxError } from '@parley/wsx/shared'
import { describeRejoinFailures, joinWithToken } from './joining.ts'
import type { TokenStore } from './session-token.ts'
import type { Requester } from './sync.ts'

function answer(token: string): JoinResponse {
  return {
    success: true,
    message: 'Welcome',
    users: ['ann'],
    room: 'r',
    lastSeq: 0,
    messages: [],
    token,
    editWindowSeconds: 900,
    uploadLimits: { maxBytes: 25_000_000, maxFiles: 10 },
    readSeq: 0,
    unread: 0,
    notify: 'mentions',
    settings: { topic: '', private: false, slowModeSeconds: 0, moderators: [] },
  }
}

function memoryTokens(initial: string | null = null): TokenStore & { saved: (string | null)[] } {
  let current = initial
  const saved: (string | null)[] = []
  return {
    saved,
    load: () => current,
    save: (token) => {
      saved.push(token)
      current = token
    },
  }
}

function fakeClient(reply: (payload: Record<string, unknown>) => JoinResponse | Error) {
  const payloads: Record<string, unknown>[] = []
  const client = {
    request: async (event: string, payload: Record<string, unknown>) => {
      if (event !== 'join') throw new Error(`unexpected ${event}`)
      payloads.push(payload)
      const value = reply(payload)
      if (value instanceof Error) throw value
      return value
    },
  } as unknown as Requester
  return { client, payloads }
}

const FIRST = 'first-token-0123456789'
const SECOND = 'second-token-0123456789'

describe('joining with the session token', () => {
  test('a first join sends no token and keeps the one the answer brings', async () => {
    const tokens = memoryTokens()
    const { client, payloads } = fakeClient(() => answer(FIRST))
    await joinWithToken(client, tokens, 'ann', 'r', 1000)
    expect(payloads).toEqual([{ username: 'ann', room: 'r' }])
    expect(tokens.load()).toBe(FIRST)
  })

  test('a later join sends the stored token and replaces it with the answer’s', async () => {
    const tokens = memoryTokens(FIRST)
    const { client, payloads } = fakeClient(() => answer(SECOND))
    await joinWithToken(client, tokens, 'ann', 'r', 1000)
    expect(payloads).toEqual([{ username: 'ann', room: 'r', token: FIRST }])
    expect(tokens.load()).toBe(SECOND)
  })

  test('an invite and a private room go with the join that asks for them, and only that one', async () => {
    const tokens = memoryTokens(FIRST)
    const { client, payloads } = fakeClient(() => answer(FIRST))
    const invite = 'invite-token-0123456789'
    await joinWithToken(client, tokens, 'ann', 'r', 1000, { invite })
    await joinWithToken(client, tokens, 'ann', 'p', 1000, { private: true })
    await joinWithToken(client, tokens, 'ann', 'r', 1000)
    expect(payloads).toEqual([
      { username: 'ann', room: 'r', token: FIRST, invite },
      { username: 'ann', room: 'p', token: FIRST, private: true },
      { username: 'ann', room: 'r', token: FIRST },
    ])
  })

  test('a refused join keeps the stored token and rejects with the server’s reason', async () => {
    const tokens = memoryTokens(FIRST)
    const { client } = fakeClient(() => new WsxError('remote', 'The name "ann" is taken: pick another'))
    await expect(joinWithToken(client, tokens, 'ann', 'r', 1000)).rejects.toThrow('is taken')
    expect(tokens.load()).toBe(FIRST)
    expect(tokens.saved).toEqual([])
  })
})

describe('the notice for rooms that could not be rejoined', () => {
  const taken = 'The name "ann" is taken: pick another'

  test('says nothing when every room came back', () => {
    expect(describeRejoinFailures([])).toBeNull()
  })

  test('names the rooms once per reason, in order, as sentences', () => {
    expect(describeRejoinFailures([{ room: 'general', reason: taken }])).toBe(
      'Could not rejoin #general: The name "ann" is taken: pick another.',
    )
    expect(
      describeRejoinFailures([
        { room: 'a', reason: taken },
        { room: 'b', reason: 'Room closed.' },
        { room: 'c', reason: taken },
        { room: 'd', reason: taken },
      ]),
    ).toBe('Could not rejoin #a, #c and #d: The name "ann" is taken: pick another. Could not rejoin #b: Room closed.')
  })
})
