import { expect, test } from 'bun:test'
import { closeCode, wholeHistory } from '../test/clients.ts'
import { spawnServer } from '../test/spawn-server.ts'
import { temporaryDataDir } from '../test/start-parley.ts'

/** The real entry point as its own process, on `dataDir`, without a rate limit (SQLite's default sync unless given). */
const startServer = (dataDir: string, sync?: 'full' | 'normal') =>
  spawnServer({ env: { DATA_DIR: dataDir, MESSAGE_RATE_LIMIT: '0', ...(sync ? { SQLITE_SYNC: sync } : {}) } })

// A killed process loses nothing in either mode: a commit is in the OS's hands when it is acknowledged.
test.each(['full', 'normal'] as const)(
  'after SIGKILL mid-conversation, every acknowledged message is stored once, in order, without gaps (SQLITE_SYNC=%s)',
  async (sync) => {
    using data = temporaryDataDir()
    await using first = await startServer(data.dataDir, sync)
    const acknowledged = new Map<string, number>()
    let reachedTarget: () => void = () => {}
    const enoughSent = new Promise<void>((resolve) => {
      reachedTarget = resolve
    })

    async function keepSending(name: string): Promise<void> {
      const client = first.client({ timeout: 2_000 })
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
    first.kill('SIGKILL')
    await first.exited
    await senders

    await using second = await startServer(data.dataDir, sync)
    const reader = second.client({ timeout: 2_000 })
    const joined = await reader.request('join', { username: 'auditor', room: 'durable' })
    const stored = await wholeHistory(reader, 'durable')

    expect(stored.length).toBe(joined.lastSeq)
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
    const storedSeq = new Map(stored.map((m) => [m.messageId, m.seq]))
    expect(storedSeq.size).toBe(stored.length)
    for (const [messageId, seq] of acknowledged) expect(storedSeq.get(messageId)).toBe(seq)
    expect(acknowledged.size).toBeGreaterThanOrEqual(400)
  },
  30_000,
)

test('SIGTERM closes every socket with 1012, commits what is in flight, and exits', async () => {
  using data = temporaryDataDir()
  await using server = await startServer(data.dataDir)
  const client = server.client()
  const closed = closeCode(client)
  await client.request('join', { username: 'leaving', room: 'term' })
  const sends = Array.from({ length: 50 }, (_, i) =>
    client.request('sendMessage', { message: `m${i}`, clientId: `term-msg-${i}` }).then(
      (answer) => answer.seq,
      () => undefined,
    ),
  )
  await sends[0]
  const started = performance.now()
  server.kill('SIGTERM')
  expect(await closed).toBe(1012)
  expect(await server.exited).toBe(0)
  expect(performance.now() - started).toBeLessThan(10_000)

  const acknowledged = (await Promise.all(sends)).filter((seq) => seq !== undefined)
  await using again = await startServer(data.dataDir)
  const reader = again.client({ timeout: 2_000 })
  await reader.request('join', { username: 'reader', room: 'term' })
  const page = await reader.request('history', { room: 'term', after: 0, limit: 200 })
  const stored = page.messages.map((m) => m.seq)
  for (const seq of acknowledged) expect(stored).toContain(seq)
  expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1))
})
