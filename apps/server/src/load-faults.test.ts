import { expect, test } from 'bun:test'
import { nextPush } from '../test/clients.ts'
import { metric } from '../test/metric.ts'
import { spawnServer } from '../test/spawn-server.ts'
import { temporaryDataDir } from '../test/start-parley.ts'

test('a client that stops reading is closed before server memory grows; the others get everything', async () => {
  using data = temporaryDataDir()
  // Backpressure alone may close the slow reader: the idle timeout (which a reader that
  // answers no ping also meets) is far beyond this test's length.
  const env = { DATA_DIR: data.dataDir, MESSAGE_RATE_LIMIT: '0', IDLE_TIMEOUT: '960', BACKPRESSURE_LIMIT: '1048576' }
  await using server = await spawnServer({ env })
  const sender = server.client({ validate: false })
  const reader = server.client()
  await sender.request('join', { username: 'sender', room: 'flood' })
  await reader.request('join', { username: 'reader', room: 'flood' })
  let delivered = 0
  reader.on('message', () => {
    delivered += 1
  })

  const total = 30_000
  const text = 'x'.repeat(450)
  /** Sends `total` messages from 128 loops at once, each waiting for its answer. */
  async function flood(): Promise<void> {
    let next = 0
    async function lane(): Promise<void> {
      while (next < total) {
        next += 1
        await sender.request('sendMessage', { message: text })
      }
    }
    await Promise.all(Array.from({ length: 128 }, lane))
  }
  // A first flood with only readers brings the server's memory to what such a flood needs.
  await flood()
  await reader.request('presence', { room: 'flood' })
  expect(delivered).toBe(total)

  const slow = await server.raw()
  slow.sendText(
    JSON.stringify({ v: '1.0', t: 'request', x: 'join', id: 'j', w: 0, p: { username: 'slow', room: 'flood' } }),
  )
  await nextPush(reader, 'userJoined', (p) => p.username === 'slow')
  slow.stopReading()
  const slowLeft = nextPush(reader, 'userLeft', (p) => p.username === 'slow', 100_000)
  // What the server holds for clients that do not read, sampled all through the flood. (Its
  // RSS says little here: the warm-up flood left freed pages that buffered frames would reuse.)
  let largestBuffer = 0
  let flooding = true
  const sampling = (async () => {
    while (flooding) {
      largestBuffer = Math.max(largestBuffer, await metric(server.http, 'parley_send_buffer_bytes'))
      await Bun.sleep(20)
    }
  })()
  await flood()
  flooding = false
  await sampling
  expect(await slowLeft).toEqual({ username: 'slow', room: 'flood' })
  await reader.request('presence', { room: 'flood' })
  expect(delivered).toBe(2 * total)
  // The flood is 13.5 MB of text (more in frames). Kept for the slow reader, the buffer would
  // grow to all of it; closed at the 1 MB limit, it never holds much more than that.
  const floodBytes = total * text.length
  expect(largestBuffer).toBeGreaterThan(0)
  expect(largestBuffer).toBeLessThan(floodBytes / 4)
  expect(await metric(server.http, 'parley_send_buffer_bytes')).toBeLessThan(64 * 1024)
  expect(await metric(server.http, 'parley_connections')).toBe(2)
}, 120_000)

test('after a restart, 500 clients spread their reconnects over more than a second', async () => {
  using data = temporaryDataDir()
  const env = { DATA_DIR: data.dataDir, MAX_CONNECTIONS_PER_ADDRESS: '1000' }
  await using first = await spawnServer({ env })
  const returns: number[] = []
  const clients = Array.from({ length: 500 }, () => {
    const client = first.client({ reconnect: true })
    let opens = 0
    client.onOpen(() => {
      opens += 1
      if (opens === 2) returns.push(performance.now())
    })
    return client
  })
  await Promise.all(clients.map((client) => client.request('listRooms', {})))

  first.kill('SIGTERM')
  expect(await first.exited).toBe(0)
  const restarted = performance.now()
  await using _second = await spawnServer({ env: { ...env, PORT: String(first.port) } })
  await Promise.all(clients.map((client) => client.request('listRooms', {}, { timeout: 20_000 })))

  expect(returns).toHaveLength(500)
  const earliest = Math.min(...returns)
  const latest = Math.max(...returns)
  expect(latest - earliest).toBeGreaterThan(1_000)
  // No stampede: no tenth of a second takes more than a fifth of them.
  const perTenth = new Map<number, number>()
  for (const at of returns)
    perTenth.set(Math.floor((at - restarted) / 100), (perTenth.get(Math.floor((at - restarted) / 100)) ?? 0) + 1)
  expect(Math.max(...perTenth.values())).toBeLessThan(100)
}, 60_000)
