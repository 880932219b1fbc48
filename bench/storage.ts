// Stored messages per second, with storage on (SQLite) and off (memory), in one run.
// Each mode runs the real server in its own process; the load comes from this one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40_000)
const CLIENTS = 4
const IN_FLIGHT = 256
const ROUNDS = 2
const serverEntry = fileURLToPath(new URL('../apps/server/src/index.ts', import.meta.url))

async function startServer(env: Record<string, string>) {
  const child = Bun.spawn(['bun', serverEntry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdout: 'pipe',
    stderr: 'inherit',
  })
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader()
  let printed = ''
  for (;;) {
    const port = printed.match(/listening.*localhost:(\d+)/)?.[1]
    if (port) return { child, url: `ws://127.0.0.1:${port}/ws` }
    const { value, done } = await reader.read()
    if (done) throw new Error(`server exited:\n${printed}`)
    printed += value
  }
}

/** Sends MESSAGES across CLIENTS clients (one room each), IN_FLIGHT at a time per client. */
async function measure(url: string): Promise<number> {
  const clients = Array.from({ length: CLIENTS }, () =>
    createClient(url, events, { validate: false, reconnect: false }),
  )
  for (const [i, client] of clients.entries()) {
    client.connect()
    await client.request('join', { username: `bench-${i}`, room: `bench-${i}` })
  }
  const perClient = Math.ceil(MESSAGES / CLIENTS)
  const started = performance.now()
  await Promise.all(
    clients.map(async (client) => {
      let sent = 0
      async function lane(): Promise<void> {
        while (sent < perClient) {
          sent += 1
          await client.request('sendMessage', { message: `message ${sent}` })
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
    }),
  )
  const seconds = (performance.now() - started) / 1000
  for (const client of clients) client.close()
  return (perClient * CLIENTS) / seconds
}

async function run(mode: 'off' | 'on'): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  const server = await startServer(
    mode === 'off'
      ? { DATABASE_URL: 'memory:', MESSAGE_RATE_LIMIT: '0' }
      : { DATA_DIR: dataDir, MESSAGE_RATE_LIMIT: '0' },
  )
  try {
    return await measure(server.url)
  } finally {
    server.child.kill('SIGTERM')
    await server.child.exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const results: Record<'off' | 'on', number[]> = { off: [], on: [] }
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of ['off', 'on'] as const) results[mode].push(await run(mode))
}
const best = (mode: 'off' | 'on') => Math.max(...results[mode])
const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10)

console.log(
  `\nStored messages/s: ${MESSAGES.toLocaleString('en-US')} sendMessage requests, ${CLIENTS} clients, ${IN_FLIGHT} in flight each; best of ${ROUNDS}`,
)
console.log('storage           messages/s   ratio')
console.log(`off (memory)    ${format(best('off'))}    1.00`)
console.log(`on (SQLite)     ${format(best('on'))}    ${(best('on') / best('off')).toFixed(2)}`)

const file = join(
  fileURLToPath(new URL('./results/', import.meta.url)),
  `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
)
writeFileSync(file, JSON.stringify({ messages: MESSAGES, clients: CLIENTS, inFlight: IN_FLIGHT, results }, null, 2))
console.log(`\nwritten to ${file}`)
