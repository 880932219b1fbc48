import { describe, expect, test } from 'bun:test'
import { closeCode, failure, nextPush } from '../test/clients.ts'
import { startParley } from '../test/start-parley.ts'
import type { Limits } from './limits.ts'

const start = (limits: Partial<Limits> = {}) => startParley({ limits })

/** Asks for a WebSocket upgrade by hand and returns the HTTP status. */
async function upgradeStatus(http: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${http}/ws`, {
    headers: {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
      ...headers,
    },
  })
  return response.status
}

describe('names', () => {
  test('a name held by a connected session is refused to others, whatever its case or width', async () => {
    await using parley = await start()
    const { client } = parley
    await client().request('join', { username: 'alice' })
    for (const username of ['alice', 'ALICE', 'ａｌｉｃｅ', ' Alice ']) {
      expect(await failure(client().request('join', { username }))).toMatch(/^The name ".+" is taken: pick another$/)
    }
  })

  test('the same session reclaims its name while a ghost still holds it, and a freed name is free', async () => {
    await using parley = await start()
    const { client } = parley
    const original = client()
    const { token } = await original.request('join', { username: 'bob' })
    // A reload: the old connection has not gone yet.
    const reloaded = client()
    expect((await reloaded.request('join', { username: 'bob', token })).token).toBe(token)
    expect(await failure(client().request('join', { username: 'bob', token: 'someone-elses-token' }))).toMatch(/taken/)

    original.close()
    reloaded.close()
    const watcher = client()
    await watcher.request('join', { username: 'watcher' })
    await watcher.request('presence', { room: 'general' })
    const newcomer = client()
    const answer = await newcomer.request('join', { username: 'bob' })
    expect(answer.token).not.toBe(token)
  })

  test('names with control or invisible characters are refused in words', async () => {
    await using parley = await start()
    const { client } = parley
    const raw = client({ validate: false })
    for (const username of ['ali\u200bce', 'bo\u0000b', 'eve\u202e', '\u2028']) {
      expect(await failure(raw.request('join', { username }))).toMatch(
        /username: A username cannot contain control or invisible characters|Pick a username/,
      )
    }
  })
})

describe('rate limits', () => {
  test('messages beyond the burst are refused with when to retry; a sustained flood is closed with 1008', async () => {
    await using parley = await start({ messageRate: 2, messageBurst: 3 })
    const { client } = parley
    const flooder = client()
    const closed = closeCode(flooder)
    await flooder.request('join', { username: 'flooder' })
    for (let i = 0; i < 3; i++) await flooder.request('sendMessage', { message: `within the burst ${i}` })
    expect(await failure(flooder.request('sendMessage', { message: 'one too many' }))).toMatch(
      /^You are sending messages too fast: slow down and retry in \d+\.\d s$/,
    )
    for (let i = 0; i < 10; i++) void flooder.request('sendMessage', { message: `flood ${i}` }).catch(() => undefined)
    expect(await closed).toBe(1008)
  })

  test('a connection may be in only so many rooms', async () => {
    await using parley = await start({ maxRoomsPerConnection: 2 })
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice', room: 'one' })
    await alice.request('join', { username: 'alice', room: 'two' })
    expect(await failure(alice.request('join', { username: 'alice', room: 'three' }))).toBe(
      'You are in 2 rooms already: leave one to join another',
    )
    await alice.request('leave', { room: 'one' })
    expect((await alice.request('join', { username: 'alice', room: 'three' })).room).toBe('three')
  })

  test('one address may hold only so many connections', async () => {
    await using parley = await start({ maxConnectionsPerAddress: 2 })
    const { client, http } = parley
    await client().request('listRooms', {})
    await client().request('listRooms', {})
    expect(await upgradeStatus(http)).toBe(429)
  })

  test('frames over the size limit close the connection with 1009', async () => {
    await using parley = await start()
    const { client } = parley
    const big = client({ validate: false })
    const closed = closeCode(big)
    await big.request('join', { username: 'big' })
    void big.request('sendMessage', { message: 'x'.repeat(70 * 1024) }).catch(() => undefined)
    expect(await closed).toBe(1009)
  })

  test('a flood of frames of any kind is closed with 1008', async () => {
    await using parley = await start({ messageRate: 1, messageBurst: 2 })
    const { client } = parley
    const flooder = client()
    const closed = closeCode(flooder)
    for (let i = 0; i < 100; i++) void flooder.request('listRooms', {}).catch(() => undefined)
    expect(await closed).toBe(1008)
  })
})

describe('handshakes', () => {
  test('another origin gets 403 before a socket exists; the page origin and ALLOWED_ORIGINS get through', async () => {
    await using parley = await start({ allowedOrigins: ['https://chat.example.com'] })
    const { http, port } = parley
    expect(await upgradeStatus(http, { origin: 'https://evil.example' })).toBe(403)
    expect(await upgradeStatus(http, { origin: `http://127.0.0.1:${port}` })).toBe(101)
    expect(await upgradeStatus(http, { origin: 'https://chat.example.com' })).toBe(101)
    expect(await upgradeStatus(http)).toBe(101)
  })
})

describe('faults', () => {
  test('a half-open connection is found by the heartbeat and leaves presence', async () => {
    await using parley = await start({ idleTimeoutSeconds: 1 })
    const { client } = parley
    const watcher = client()
    await watcher.request('join', { username: 'watcher' })
    const ghost = await parley.raw()
    ghost.sendText(JSON.stringify({ v: '1.0', t: 'request', x: 'join', id: 'j', w: 0, p: { username: 'ghost' } }))
    await nextPush(watcher, 'userJoined', (p) => p.username === 'ghost')
    // From now on the ghost neither reads nor answers pings.
    ghost.stopReading()
    expect(await nextPush(watcher, 'userLeft', (p) => p.username === 'ghost', 10_000)).toEqual({
      username: 'ghost',
      room: 'general',
    })
    expect((await watcher.request('presence', { room: 'general' })).users).toEqual(['watcher'])
  }, 15_000)

  test('text frames with invalid UTF-8 close only that connection', async () => {
    await using parley = await start()
    const { client } = parley
    const bystander = client()
    await bystander.request('join', { username: 'bystander' })
    const bad = await parley.raw()
    bad.sendFrame(0x1, new Uint8Array([0x7b, 0xc3, 0x28, 0xff, 0x7d]))
    await bad.closed
    expect((await bystander.request('presence', { room: 'general' })).users).toEqual(['bystander'])
  })
})
