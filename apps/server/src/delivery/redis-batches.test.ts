import { expect, test } from 'bun:test'
import { RedisClient } from 'bun'
import { recordPushes } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { until } from '../../test/until.ts'

/** How many PUBLISH commands the Redis at `url` has run, by its own count. */
async function publishes(url: string): Promise<number> {
  const redis = new RedisClient(url)
  try {
    const info = String(await redis.send('INFO', ['commandstats']))
    return Number(info.match(/^cmdstat_publish:calls=(\d+)/m)?.[1] ?? 0)
  } finally {
    redis.close()
  }
}

test('a burst of messages crosses Redis in a few PUBLISHes, each room in seq order', async () => {
  await using cluster = await startCluster()
  const rooms = ['r0', 'r1', 'r2', 'r3']
  const alice = cluster.one.client()
  const bob = cluster.two.client()
  for (const room of rooms) {
    await alice.request('join', { username: 'alice', room })
    await bob.request('join', { username: 'bob', room })
  }
  const atBob = recordPushes(bob, 'message')
  const before = await publishes(cluster.redis.url)
  const count = 200
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      alice.request('sendMessage', { message: `m${i}`, room: rooms[i % rooms.length] as string }),
    ),
  )
  await until(() => atBob.length === count, 'bob hearing every message')
  for (const [r, room] of rooms.entries()) {
    // In the order they arrived: seq order, every one once.
    const arrived = atBob.filter((m) => m.room === room)
    expect(arrived.map((m) => m.seq)).toEqual(Array.from({ length: count / rooms.length }, (_, i) => i + 1))
    expect(arrived.map((m) => m.message)).toEqual(arrived.map((_, i) => `m${i * rooms.length + r}`))
  }
  // One PUBLISH per room per event-loop turn, not one per message.
  const sent = (await publishes(cluster.redis.url)) - before
  expect(sent).toBeLessThanOrEqual(count / 4)
}, 30_000)
