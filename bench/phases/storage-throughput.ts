// Stored messages per second, with storage on (SQLite) and off (memory), in one run: the
// figure `npm run bench` printed before the load figures existed. Each mode runs the real
// server in its own process; the load is sendMessage requests through the wsx client (CBOR).
import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'
import { config } from '../config.ts'
import { type Storage, startParley } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'

const CLIENTS = 4
const IN_FLIGHT = 256

export interface StorageFigure {
  messages: number
  clients: number
  inFlight: number
  rounds: number
  /** Stored messages per second in each round. */
  results: Record<Storage, number[]>
  best: Record<Storage, number>
}

/** Sends `messages` across CLIENTS clients (one room each), IN_FLIGHT at a time per client. */
async function measure(url: string, messages: number): Promise<number> {
  const clients = Array.from({ length: CLIENTS }, () =>
    createClient(url, events, { validate: false, reconnect: false }),
  )
  for (const [i, client] of clients.entries()) {
    client.connect()
    await client.request('join', { username: `bench-${i}`, room: `bench-${i}` })
  }
  const perClient = Math.ceil(messages / CLIENTS)
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

async function measureOn(storage: Storage, messages: number): Promise<number> {
  const server = await startParley(storage)
  try {
    return await measure(server.url, messages)
  } finally {
    await server.stop()
  }
}

/** config.storageMessages messages, storage off then on, config.storageRounds times. */
export function storageThroughputPhase(run: RunLog): Promise<StorageFigure | undefined> {
  run.say(`stored messages/s: ${config.storageMessages.toLocaleString('en-US')} messages, storage off then on`)
  return run.attempt('storage', () => measureStorage(config.storageMessages, config.storageRounds))
}

async function measureStorage(messages: number, rounds: number): Promise<StorageFigure> {
  const results: Record<Storage, number[]> = { memory: [], sqlite: [] }
  for (let round = 0; round < rounds; round++) {
    for (const storage of ['memory', 'sqlite'] as const) results[storage].push(await measureOn(storage, messages))
  }
  return {
    messages,
    clients: CLIENTS,
    inFlight: IN_FLIGHT,
    rounds,
    results,
    best: { memory: Math.max(...results.memory), sqlite: Math.max(...results.sqlite) },
  }
}
