import { afterEach, expect, test } from 'bun:test'
import { type ChatEvents, events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import type { Payload } from '@parley/wsx/shared'
import { startRedis } from '../../test/redis-process.ts'
import { spawnServer } from '../../test/spawn-server.ts'
import { nextPush, temporaryPostgresSchema } from '../../test/start-parley.ts'

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
  const instances = await Promise.all([spawnServer({ env }), spawnServer({ env })])
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

test('when an instance dies, its people leave the others within 15 s, and its clients resume on the survivor', async () => {
  const { instances } = await startCluster()
  const [doomed, survivor] = instances
  if (!doomed || !survivor) throw new Error('two instances expected')
  const carol = connect(doomed.url)
  await carol.request('join', { username: 'carol', room: 'k' })

  let alive = true
  // A load balancer's view: the doomed instance while it lives, then the survivor.
  const erin = createClient(() => (alive ? doomed.url : survivor.url), events, { firstRetryDelay: 50 })
  cleanup.push(() => erin.close())
  const atErin = new Map<number, string>()
  let token: string | undefined
  erin.on('message', (m) => atErin.set(m.seq, m.message))
  erin.onOpen(async () => {
    // What the web app does on every connection: rejoin with its token, then catch up.
    const joined = await erin.request('join', { username: 'erin', room: 'k', token })
    token = joined.token
    for (const m of joined.messages) atErin.set(m.seq, m.message)
  })
  erin.connect()
  const dave = connect(survivor.url)
  await dave.request('join', { username: 'dave', room: 'k' })
  await until(() => token !== undefined)
  await erin.request('sendMessage', { message: 'erin 1', room: 'k' })
  await until(() => atErin.size === 1)
  expect((await dave.request('presence', { room: 'k' })).users).toEqual(['carol', 'dave', 'erin'])

  const carolLeft = nextPush(dave, 'userLeft', (p) => p.username === 'carol', 15_000)
  alive = false
  doomed.child.kill('SIGKILL')
  const killedAt = performance.now()
  for (let i = 0; i < 5; i++) await dave.request('sendMessage', { message: `dave ${i}`, room: 'k' })
  expect(await carolLeft).toEqual({ username: 'carol', room: 'k' })
  expect(performance.now() - killedAt).toBeLessThan(15_000)
  expect((await dave.request('presence', { room: 'k' })).users).toEqual(['dave', 'erin'])

  await until(() => erin.status === 'open' && atErin.size === 6, 15_000)
  expect([...atErin.keys()].toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
  expect(atErin.get(1)).toBe('erin 1')
}, 40_000)
