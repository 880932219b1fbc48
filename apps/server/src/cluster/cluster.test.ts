import { afterEach, expect, test } from 'bun:test'
import { type ChatEvents, events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import type { Payload } from '@parley/wsx/shared'
import { spawnServer } from '../server-process.ts'
import { nextPush, temporaryPostgresSchema } from '../test-support.ts'
import { startRedis } from './redis-process.ts'

type ChatMessage = Payload<ChatEvents, 'message'>
const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** Two instances on one PostgreSQL schema and one Redis. */
async function startCluster() {
  const schema = await temporaryPostgresSchema()
  const redis = await startRedis()
  cleanup.push(schema.remove, redis.stop)
  const env = { DATABASE_URL: schema.url, REDIS_URL: redis.url, MESSAGE_RATE_LIMIT: '0' }
  const instances = await Promise.all([spawnServer(env), spawnServer(env)])
  for (const instance of instances) cleanup.push(() => instance.child.kill('SIGKILL'))
  return { redis, instances, env }
}

function connect(url: string): WsxClient<ChatEvents> {
  const client = createClient(url, events, { reconnect: false })
  cleanup.push(() => client.close())
  client.connect()
  return client
}

function collect(client: WsxClient<ChatEvents>): ChatMessage[] {
  const seen: ChatMessage[] = []
  client.on('message', (message) => seen.push(message))
  return seen
}

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('the condition never held')
    await Bun.sleep(10)
  }
}

test('messages, joins, typing and leaves cross between instances; both sides hold the same messages by seq', async () => {
  const { instances } = await startCluster()
  const [one, two] = instances
  if (!one || !two) throw new Error('two instances expected')
  const alice = connect(one.url)
  const bob = connect(two.url)
  await alice.request('join', { username: 'alice', room: 'shared' })
  const bobJoined = nextPush(alice, 'userJoined')
  await bob.request('join', { username: 'bob', room: 'shared' })
  expect(await bobJoined).toEqual({ username: 'bob', room: 'shared' })

  const typing = nextPush(bob, 'userTyping')
  alice.send('typing', { room: 'shared' })
  expect(await typing).toEqual({ username: 'alice', room: 'shared' })

  const atAlice = collect(alice)
  const atBob = collect(bob)
  await Promise.all([
    ...Array.from({ length: 50 }, (_, i) => alice.request('sendMessage', { message: `a${i}`, room: 'shared' })),
    ...Array.from({ length: 50 }, (_, i) => bob.request('sendMessage', { message: `b${i}`, room: 'shared' })),
  ])
  await until(() => atAlice.length === 100 && atBob.length === 100)
  // Each side hears its own instance first, so arrival order differs; ordered by seq, both hold the same.
  const bySeq = (seen: ChatMessage[]) => seen.toSorted((a, b) => a.seq - b.seq).map((m) => `${m.seq}:${m.message}`)
  expect(bySeq(atAlice)).toEqual(bySeq(atBob))
  expect(bySeq(atAlice).map((entry) => Number(entry.split(':')[0]))).toEqual(
    Array.from({ length: 100 }, (_, i) => i + 1),
  )

  const left = nextPush(alice, 'userLeft')
  bob.close()
  expect(await left).toEqual({ username: 'bob', room: 'shared' })
}, 30_000)

test('through a Redis outage, no acknowledged message is lost, and health says what is wrong', async () => {
  const { instances, redis } = await startCluster()
  const [one, two] = instances
  if (!one || !two) throw new Error('two instances expected')
  const alice = connect(one.url)
  const bob = connect(two.url)
  await alice.request('join', { username: 'alice', room: 'outage' })
  await bob.request('join', { username: 'bob', room: 'outage' })
  const atBob = collect(bob)
  await alice.request('sendMessage', { message: 'before', room: 'outage' })
  await until(() => atBob.length === 1)

  await redis.stop()
  const sentDuring: number[] = []
  for (let i = 0; i < 20; i++) {
    sentDuring.push((await alice.request('sendMessage', { message: `during ${i}`, room: 'outage' })).seq)
  }
  await until(async () => (await fetch(`${two.http}/api/health`)).status === 503)
  const health = await (await fetch(`${two.http}/api/health`)).json()
  expect(health).toMatchObject({ status: 'degraded', problems: [expect.stringContaining('Redis')] })

  const restarted = await startRedis(redis.port)
  cleanup.push(restarted.stop)
  await alice.request('sendMessage', { message: 'after', room: 'outage' })
  await until(() => atBob.some((m) => m.message === 'after') && atBob.length >= 22, 20_000)
  expect(atBob.map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1))
  expect((await fetch(`${two.http}/api/health`)).status).toBe(200)
}, 40_000)
