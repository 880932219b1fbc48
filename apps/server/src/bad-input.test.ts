import { afterAll, describe, expect, test } from 'bun:test'
import { WsxError } from '@parley/wsx/shared'
import fc from 'fast-check'
import { failure } from '../test/clients.ts'
import { startParley } from '../test/start-parley.ts'

const parley = await startParley({ limits: { messageRate: 0 } })
afterAll(() => parley.stop())

describe('each bad request gets its documented answer', () => {
  test('wrong field types name the field', async () => {
    const raw = parley.client({ validate: false })
    expect(await failure(raw.request('join', { username: 5 as unknown as string }))).toMatch(
      /^Invalid join: username: /,
    )
    expect(await failure(raw.request('history', { room: 'general', before: 'x' as unknown as number }))).toMatch(
      /^Invalid history: before: /,
    )
  })

  test('a request before join is refused, and a second join under a name someone else holds too', async () => {
    const first = parley.client()
    expect(await failure(first.request('sendMessage', { message: 'hello?' }))).toBe(
      'Join a room before sending messages',
    )
    expect(await failure(first.request('presence', { room: 'general' }))).toBe('Join "general" to see who is there')
    await first.request('join', { username: 'holder', room: 'names' })
    const second = parley.client()
    expect(await failure(second.request('join', { username: 'HOLDER', room: 'names' }))).toBe(
      'The name "HOLDER" is taken: pick another',
    )
  })

  test('__proto__ and constructor keys in payloads pollute nothing', async () => {
    const socket = await parley.raw()
    socket.sendText(
      `{"v":"1.0","t":"request","x":"join","id":"p","w":0,"p":{"username":"proto","room":"protos","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`,
    )
    const watcher = parley.client()
    await watcher.request('join', { username: 'proto-watcher', room: 'protos' })
    expect((await watcher.request('presence', { room: 'protos' })).users).toEqual(['proto', 'proto-watcher'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('fuzz', () => {
  const eventNames = ['join', 'sendMessage', 'leave', 'listRooms', 'presence', 'history', 'nope', '__proto__']

  test('random requests are each answered, in words, and the room stays whole', async () => {
    const fuzzer = parley.client({ validate: false, timeout: 2_000 })
    await fuzzer.request('join', { username: 'fuzzer', room: 'fuzz' })
    const reader = parley.client()
    await reader.request('join', { username: 'fuzz-reader', room: 'fuzz' })
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...eventNames),
        fc.anything({ withNullPrototype: true }),
        async (event, payload) => {
          const outcome = await (fuzzer.request as (e: string, p: unknown) => Promise<unknown>)(event, payload).then(
            () => 'answered',
            (error: unknown) => (error instanceof WsxError ? error.code : 'thrown'),
          )
          expect(['answered', 'remote']).toContain(outcome)
        },
      ),
      { numRuns: 300 },
    )
    await reader.request('sendMessage', { message: 'still here', room: 'fuzz' })
    const page = await reader.request('history', { room: 'fuzz', after: 0, limit: 200 })
    expect(page.messages.map((m) => m.seq)).toEqual(page.messages.map((_, i) => i + 1))
    expect(page.messages.at(-1)?.message).toBe('still here')
  }, 30_000)

  test('random frames never take the server down', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 })), async (frame) => {
        const socket = await parley.raw()
        if (typeof frame === 'string') socket.sendText(frame)
        else socket.sendFrame(0x2, frame)
        socket.socket.end()
        await socket.closed
      }),
      { numRuns: 100 },
    )
    const health = await fetch(`${parley.http}/api/health`)
    expect(health.status).toBe(200)
    const after = parley.client()
    expect((await after.request('join', { username: 'after-fuzz', room: 'fuzz-after' })).room).toBe('fuzz-after')
  }, 30_000)
})
