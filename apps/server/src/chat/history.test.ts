import { describe, expect, test } from 'bun:test'
import { type ChatClient, failure, nextPush, recordPushes } from '../../test/clients.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'

/** Parley without a rate limit: these tests send hundreds of messages as fast as they can. */
const start = () => startParley({ limits: { messageRate: 0 } })

/** Sends `count` messages from `client` into its last room, as fast as the server answers. */
async function sendMany(client: ChatClient, count: number, prefix = 'm'): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, i) => client.request('sendMessage', { message: `${prefix}${i + 1}` })),
  )
}

describe('joining brings history', () => {
  test('the latest 50 messages and the last seq', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice', room: 'busy' })
    await sendMany(alice, 60)
    const bob = client()
    const joined = await bob.request('join', { username: 'bob', room: 'busy' })
    expect(joined.lastSeq).toBe(60)
    expect(joined.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 11))
    expect(joined.messages[0]).toMatchObject({ username: 'alice', message: 'm11', room: 'busy' })
  })

  test('older pages go back to the first message', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice' })
    await sendMany(alice, 120)
    const seen: number[] = []
    let page = await alice.request('history', { room: 'general' })
    seen.unshift(...page.messages.map((m) => m.seq))
    while (page.hasMore) {
      page = await alice.request('history', { room: 'general', before: seen[0], limit: 50 })
      seen.unshift(...page.messages.map((m) => m.seq))
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
  })
})

describe('catching up', () => {
  test('a client away while 1,000 messages are sent gets all of them once, in order', async () => {
    await using parley = await start()
    const { client } = parley
    const talker = client()
    const away = client()
    await talker.request('join', { username: 'talker' })
    await sendMany(talker, 5, 'before')
    const first = await away.request('join', { username: 'away' })
    const held = first.lastSeq
    away.close()

    await sendMany(talker, 1_000, 'while away ')

    const back = client()
    const live = recordPushes(back, 'message')
    const rejoined = await back.request('join', { username: 'away' })
    const caughtUp: number[] = []
    let page = await back.request('history', { room: 'general', after: held, limit: 200 })
    caughtUp.push(...page.messages.map((m) => m.seq))
    while (page.hasMore) {
      page = await back.request('history', { room: 'general', after: caughtUp.at(-1), limit: 200 })
      caughtUp.push(...page.messages.map((m) => m.seq))
    }
    expect(rejoined.lastSeq).toBe(1_005)
    expect(caughtUp).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 6))
    expect(live).toEqual([])
  })

  test('a resume from a seq the room never reached is refused in words', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice' })
    await sendMany(alice, 3)
    expect(await failure(alice.request('history', { room: 'general', after: 99 }))).toBe(
      '"general" has no message 99: its last is 3. Load it afresh',
    )
  })

  test('page requests are bounded and need the room joined', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client({ validate: false })
    await alice.request('join', { username: 'alice' })
    expect(await failure(alice.request('history', { room: 'general', limit: -5 }))).toMatch(/^Invalid history: limit: /)
    expect(await failure(alice.request('history', { room: 'general', limit: 100_000 }))).toMatch(/limit: .*200/)
    expect(await failure(alice.request('history', { room: 'general', before: 0 }))).toMatch(/before: /)
    expect(await failure(alice.request('history', { room: 'elsewhere' }))).toBe('Join "elsewhere" to read its history')
  })
})

describe('idempotent sends', () => {
  test('the same clientId sent again is stored and shown once, with the same answer', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client()
    const bob = client()
    await alice.request('join', { username: 'alice' })
    await bob.request('join', { username: 'bob' })
    const heard = recordPushes(bob, 'message')
    const send = { message: 'only once', clientId: 'double-click-1' }
    const first = await alice.request('sendMessage', send)
    const second = await alice.request('sendMessage', send)
    expect(second).toEqual(first)
    const marker = nextPush(bob, 'message', (m) => m.message === 'marker')
    await alice.request('sendMessage', { message: 'marker' })
    await marker
    expect(heard.map((m) => [m.message, m.seq, m.clientId])).toEqual([
      ['only once', 1, 'double-click-1'],
      ['marker', 2, undefined],
    ])
  })

  test('a duplicate id with different text is refused and changes nothing', async () => {
    await using parley = await start()
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice' })
    await alice.request('sendMessage', { message: 'original', clientId: 'reused-id-1' })
    expect(await failure(alice.request('sendMessage', { message: 'edited', clientId: 'reused-id-1' }))).toBe(
      'That message id was already used for a different message',
    )
    const page = await alice.request('history', { room: 'general' })
    expect(page.messages.map((m) => m.message)).toEqual(['original'])
  })
})

test('history survives a restart on the same data', async () => {
  using data = temporaryDataDir()
  const storage = { dataDir: data.dataDir }
  await using first = await startParley({ storage, limits: { messageRate: 0 } })
  const alice = first.client()
  await alice.request('join', { username: 'alice' })
  await sendMany(alice, 3)
  await first.stop()

  await using second = await startParley({ storage })
  const joined = await second.client().request('join', { username: 'bob' })
  expect(joined.messages.map((m) => m.message)).toEqual(['m1', 'm2', 'm3'])
})
