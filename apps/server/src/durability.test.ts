import { afterEach, expect, test } from 'bun:test'
import { type ChatEvents, events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import { spawnServer } from '../test/spawn-server.ts'
import { temporaryDataDir } from '../test/start-parley.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function startServer(dataDir: string) {
  const server = await spawnServer({ env: { DATA_DIR: dataDir, MESSAGE_RATE_LIMIT: '0' } })
  cleanup.push(() => server.child.kill('SIGKILL'))
  return server
}

function connect(url: string): WsxClient<ChatEvents> {
  const client = createClient(url, events, { reconnect: false, timeout: 2_000 })
  cleanup.push(() => client.close())
  client.connect()
  return client
}

test('after SIGKILL mid-conversation, every acknowledged message is stored once, in order, without gaps', async () => {
  const data = temporaryDataDir()
  cleanup.push(data.remove)
  const first = await startServer(data.dataDir)
  const acknowledged = new Map<string, number>()
  let reachedTarget: () => void = () => {}
  const enoughSent = new Promise<void>((resolve) => {
    reachedTarget = resolve
  })

  async function keepSending(name: string): Promise<void> {
    const client = connect(first.url)
    await client.request('join', { username: name, room: 'durable' })
    for (let i = 0; ; i++) {
      // Several requests in flight at once, as a busy client would have.
      const batch = Array.from({ length: 8 }, (_, k) => `${name}-${i}-${k}`)
      const results = await Promise.allSettled(
        batch.map((clientId) => client.request('sendMessage', { message: clientId, clientId })),
      )
      for (const result of results) {
        if (result.status === 'fulfilled') acknowledged.set(result.value.messageId, result.value.seq)
      }
      if (acknowledged.size >= 400) reachedTarget()
      if (results.some((result) => result.status === 'rejected')) return
    }
  }

  const senders = Promise.all([keepSending('alice'), keepSending('bob')])
  await enoughSent
  first.child.kill('SIGKILL')
  await first.child.exited
  await senders

  const second = await startServer(data.dataDir)
  const reader = connect(second.url)
  const joined = await reader.request('join', { username: 'auditor', room: 'durable' })
  const stored: { messageId: string; seq: number }[] = []
  let page = await reader.request('history', { room: 'durable', after: 0, limit: 200 })
  stored.push(...page.messages)
  while (page.hasMore) {
    page = await reader.request('history', { room: 'durable', after: stored.at(-1)?.seq ?? 0, limit: 200 })
    stored.push(...page.messages)
  }

  expect(stored.length).toBe(joined.lastSeq)
  expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
  const storedSeq = new Map(stored.map((m) => [m.messageId, m.seq]))
  expect(storedSeq.size).toBe(stored.length)
  for (const [messageId, seq] of acknowledged) expect(storedSeq.get(messageId)).toBe(seq)
  expect(acknowledged.size).toBeGreaterThanOrEqual(400)
}, 30_000)

test('SIGTERM closes every socket with 1012, commits what is in flight, and exits', async () => {
  const data = temporaryDataDir()
  cleanup.push(data.remove)
  const server = await startServer(data.dataDir)
  const client = createClient(server.url, events, { reconnect: false })
  cleanup.push(() => client.close())
  const closed = new Promise<number>((resolve) => client.onClose(({ code }) => resolve(code)))
  client.connect()
  await client.request('join', { username: 'leaving', room: 'term' })
  const sends = Array.from({ length: 50 }, (_, i) =>
    client.request('sendMessage', { message: `m${i}`, clientId: `term-msg-${i}` }).then(
      (answer) => answer.seq,
      () => undefined,
    ),
  )
  await sends[0]
  const started = performance.now()
  server.child.kill('SIGTERM')
  expect(await closed).toBe(1012)
  expect(await server.child.exited).toBe(0)
  expect(performance.now() - started).toBeLessThan(10_000)

  const acknowledged = (await Promise.all(sends)).filter((seq) => seq !== undefined)
  const again = await startServer(data.dataDir)
  const reader = connect(again.url)
  await reader.request('join', { username: 'reader', room: 'term' })
  const page = await reader.request('history', { room: 'term', after: 0, limit: 200 })
  const stored = page.messages.map((m) => m.seq)
  for (const seq of acknowledged) expect(stored).toContain(seq)
  expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
})
