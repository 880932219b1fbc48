import { expect, test } from 'bun:test'
import { fileURLToPath } from 'node:url'
import { createClient } from '@parley/wsx/client'
import { defineEvents } from '@parley/wsx/shared'
import { z } from 'zod'
import { nextPush } from '../test/clients.ts'
import { startParley } from '../test/start-parley.ts'
import { until } from '../test/until.ts'

/** The seed's event definitions, exactly as its clients carry them. */
const seedEvents = defineEvents({
  join: {
    request: z.object({ username: z.string().min(1).max(50), room: z.string().default('general') }),
    response: z.object({ success: z.boolean(), message: z.string(), users: z.array(z.string()) }),
  },
  sendMessage: {
    request: z.object({ message: z.string().min(1).max(500) }),
    response: z.object({ messageId: z.string(), timestamp: z.number() }),
  },
  message: {
    request: z.object({ messageId: z.string(), username: z.string(), message: z.string(), timestamp: z.number() }),
  },
  userJoined: { request: z.object({ username: z.string() }) },
  userLeft: { request: z.object({ username: z.string() }) },
})

test("a client on the seed's events joins, chats and sees joins and leaves", async () => {
  await using parley = await startParley()
  // The seed's events, not ours: a client of its own.
  const seed = createClient(parley.ws, seedEvents, { reconnect: false })
  seed.connect()
  expect(await seed.request('join', { username: 'seedling' })).toEqual({
    success: true,
    message: 'Welcome to general!',
    users: ['seedling'],
  })
  const ours = parley.client()
  const joined = new Promise((resolve) => seed.on('userJoined', resolve))
  await ours.request('join', { username: 'parley' })
  expect(await joined).toEqual({ username: 'parley' })

  const heard = new Promise((resolve) => seed.on('message', resolve))
  const fromSeed = nextPush(ours, 'message', (m) => m.username === 'seedling')
  await ours.request('sendMessage', { message: 'hello seed' })
  expect(await heard).toMatchObject({ username: 'parley', message: 'hello seed' })
  await seed.request('sendMessage', { message: 'hello parley' })
  expect(await fromSeed).toMatchObject({ username: 'seedling', message: 'hello parley', room: 'general' })

  const left = new Promise((resolve) => seed.on('userLeft', resolve))
  ours.close()
  expect(await left).toEqual({ username: 'parley' })
  seed.close()
})

test("a client on the seed's events stays in a room where others edit, delete, reply and react", async () => {
  await using parley = await startParley()
  const seed = createClient(parley.ws, seedEvents, { reconnect: false })
  const errors: Error[] = []
  const closes: unknown[] = []
  seed.onError((error) => errors.push(error))
  seed.onClose((info) => closes.push(info))
  const heard: unknown[] = []
  seed.on('message', (m) => heard.push(m))
  seed.connect()
  await seed.request('join', { username: 'seedling' })
  const alice = parley.client()
  const bob = parley.client()
  await alice.request('join', { username: 'alice' })
  await bob.request('join', { username: 'bob' })
  let ids = 0
  const id = () => `seed-room-change-${++ids}`
  const room = 'general'

  const first = await alice.request('sendMessage', { message: 'first' })
  const reply = await bob.request('sendMessage', { message: 'a reply', replyTo: first.seq })
  await alice.request('editMessage', { room, seq: first.seq, message: 'first, edited', clientId: id() })
  await bob.request('react', { room, seq: first.seq, emoji: '👍', add: true, clientId: id() })
  await bob.request('react', { room, seq: first.seq, emoji: '👍', add: false, clientId: id() })
  await bob.request('react', { room, seq: reply.seq, emoji: '🎉', add: true, clientId: id() })
  await alice.request('deleteMessage', { room, seq: first.seq, clientId: id() })
  // The seed's requests still work, and its messages can be answered and reacted to.
  const fromSeed = nextPush(alice, 'message', (m) => m.username === 'seedling')
  const sent = await seed.request('sendMessage', { message: 'still here' })
  expect(Object.keys(sent).toSorted()).toEqual(['messageId', 'timestamp'])
  const seedSeq = (await fromSeed).seq
  await bob.request('react', { room, seq: seedSeq, emoji: '❤️', add: true, clientId: id() })
  const answer = await alice.request('sendMessage', { message: 'to the seed', replyTo: seedSeq })
  await alice.request('editMessage', { room, seq: answer.seq, message: 'to the seed, edited', clientId: id() })
  // Pushes reach a socket in order: once this one is heard, every change before it was too.
  await alice.request('sendMessage', { message: 'last' })
  await until(() => heard.length === 5, 'the seed hearing five messages')

  // One push per new message, none for the changes, each in the seed's own shape and words.
  expect(heard).toEqual([
    { messageId: first.messageId, username: 'alice', message: 'first', timestamp: first.timestamp },
    { messageId: reply.messageId, username: 'bob', message: 'a reply', timestamp: reply.timestamp },
    { messageId: sent.messageId, username: 'seedling', message: 'still here', timestamp: sent.timestamp },
    { messageId: answer.messageId, username: 'alice', message: 'to the seed', timestamp: answer.timestamp },
    expect.objectContaining({ username: 'alice', message: 'last' }),
  ])
  expect(errors).toEqual([])
  expect(closes).toEqual([])
  expect(seed.status).toBe('open')

  // A seed client joining now, after the changes, gets the seed's answer.
  const late = createClient(parley.ws, seedEvents, { reconnect: false })
  late.connect()
  expect(await late.request('join', { username: 'late seed' })).toEqual({
    success: true,
    message: 'Welcome to general!',
    users: ['alice', 'bob', 'late seed', 'seedling'],
  })
  late.close()
  seed.close()
})

test('the terminal client prints what the seed prints and sends each line', async () => {
  await using parley = await startParley()
  const watcher = parley.client()
  await watcher.request('join', { username: 'watcher', room: 'lobby' })
  await using cli = Bun.spawn(
    ['bun', fileURLToPath(new URL('../../cli/src/client.ts', import.meta.url)), 'alice', 'lobby'],
    {
      env: { ...process.env, PARLEY_URL: parley.ws },
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'inherit',
    },
  )
  const lines = cli.stdout.pipeThrough(new TextDecoderStream()).getReader()
  let printed = ''
  async function printedLine(pattern: RegExp): Promise<void> {
    while (!pattern.test(printed)) {
      const { value, done } = await lines.read()
      if (done) throw new Error(`the client ended before printing ${pattern}; it printed:\n${printed}`)
      printed += value
    }
  }

  await printedLine(/Users in room: watcher, alice|Users in room: alice, watcher/)
  expect(printed).toContain('Welcome to lobby!')

  const fromCli = nextPush(watcher, 'message')
  cli.stdin.write('hello from the terminal\n')
  cli.stdin.flush()
  expect(await fromCli).toMatchObject({ username: 'alice', message: 'hello from the terminal', room: 'lobby' })
  await printedLine(/\] alice: hello from the terminal/)

  await watcher.request('sendMessage', { message: 'hi alice' })
  await printedLine(/\] watcher: hi alice/)
  const bob = parley.client()
  await bob.request('join', { username: 'bob', room: 'lobby' })
  await printedLine(/>>> bob joined the room/)
  bob.close()
  await printedLine(/<<< bob left the room/)

  cli.stdin.end()
  expect(await cli.exited).toBe(0)
})
