import { expect, test } from 'bun:test'
import { metric } from '../../test/metric.ts'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { startRedis } from '../../test/redis-process.ts'
import { type SpawnedServer, spawnServer } from '../../test/spawn-server.ts'
import { until } from '../../test/until.ts'

/** Two instances of the real entry point on one PostgreSQL schema and a Redis of their own. */
async function startCluster() {
  const stack = new AsyncDisposableStack()
  const schema = stack.use(await temporaryPostgresSchema())
  const redis = await startRedis()
  stack.defer(() => redis.stop())
  const env = { DATABASE_URL: schema.url, REDIS_URL: redis.url, MESSAGE_RATE_LIMIT: '0' }
  const [one, two] = await Promise.all([spawnServer({ env }), spawnServer({ env })])
  if (!one || !two) throw new Error('two instances expected')
  return { stack, redis, one: stack.use(one), two: stack.use(two), [Symbol.asyncDispose]: () => stack.disposeAsync() }
}

const probe = async (server: SpawnedServer, path: '/api/livez' | '/api/readyz') => {
  const response = await fetch(`${server.http}${path}`)
  return { status: response.status, body: (await response.json()) as { status: string; problems?: string[] } }
}

test('through a Redis outage both instances stay alive, say in words why they are not ready, and are ready again after', async () => {
  await using cluster = await startCluster()
  const { one, two } = cluster
  for (const server of [one, two]) {
    expect(await probe(server, '/api/readyz')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) })
    expect((await probe(server, '/api/livez')).status).toBe(200)
  }

  await cluster.redis.stop()
  const notReady = async (server: SpawnedServer) => (await probe(server, '/api/readyz')).status === 503
  await until(async () => (await notReady(one)) && (await notReady(two)), 'both instances unready', 15_000)
  for (const server of [one, two]) {
    const readiness = await probe(server, '/api/readyz')
    expect(readiness.body.status).toBe('degraded')
    expect(readiness.body.problems).toContainEqual(expect.stringContaining('Redis is unreachable'))
    // The legacy name answers as readiness does; liveness stays up, so nothing restarts the instance.
    expect((await fetch(`${server.http}/api/health`)).status).toBe(503)
    expect(await probe(server, '/api/livez')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) })
  }

  const restarted = await startRedis(cluster.redis.port)
  cluster.stack.defer(() => restarted.stop())
  const ready = async (server: SpawnedServer) => (await probe(server, '/api/readyz')).status === 200
  await until(async () => (await ready(one)) && (await ready(two)), 'both instances ready again', 20_000)
  expect((await probe(two, '/api/readyz')).body.problems).toBeUndefined()
}, 60_000)

test('a message stored on one instance counts as stored there once, and as delivered on each instance per member connection', async () => {
  await using cluster = await startCluster()
  const { one, two } = cluster
  const alice = one.client()
  const bob = two.client()
  const carol = two.client()
  await alice.request('join', { username: 'alice', room: 'counted' })
  await bob.request('join', { username: 'bob', room: 'counted' })
  await carol.request('join', { username: 'carol', room: 'counted' })
  const heard = Promise.all([bob, carol].map((client) => new Promise((resolve) => client.on('message', resolve))))
  await alice.request('sendMessage', { message: 'to three sockets on two instances', room: 'counted' })
  await heard
  await until(
    async () => (await metric(two.http, 'parley_messages_delivered_total')) === 2,
    'two counting bob and carol',
  )
  expect(await metric(one.http, 'parley_messages_delivered_total')).toBe(1)
  expect(await metric(one.http, 'parley_messages_stored_total')).toBe(1)
  expect(await metric(two.http, 'parley_messages_stored_total')).toBe(0)
}, 30_000)
