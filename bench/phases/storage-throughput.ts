// Stored writes per second, with storage off (memory), on SQLite and on PostgreSQL (a fresh
// schema of its own, dropped afterwards), in one run: plain messages, and a mixed workload of
// messages with 10% edits and 20% reactions (added and taken back), each change at its own
// seq in the room's log. Each mode runs the real server in its own process; the load is
// requests through the wsx client (CBOR).
import { events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import { config } from '../config.ts'
import { startParleyOnPostgres } from '../servers/parley-on-postgres.ts'
import { type BenchServer, startParley } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'

/** Where Parley stores: nowhere (`memory:`), a SQLite file, or PostgreSQL. */
export type Store = 'memory' | 'sqlite' | 'postgres'
const stores: readonly Store[] = ['memory', 'sqlite', 'postgres']

const CLIENTS = 4
const IN_FLIGHT = 256
/** Writes made before the clock starts, so that the figure is the warmed-up server's, not its JIT's. */
const WARM_UP = 10_000

export interface StorageFigure {
  messages: number
  clients: number
  inFlight: number
  rounds: number
  /** Stored messages per second in each round (none when that store could not be measured). */
  results: Record<Store, number[]>
  best: Record<Store, number | undefined>
  /** Stored writes (messages, edits, reactions) per second in each round of the mixed workload. */
  mixed: Record<Store, number[]>
  bestMixed: Record<Store, number | undefined>
}

export type Workload = 'plain' | 'mixed'

/** Which write the n-th of a lane is, in the mixed workload: 1 in 10 an edit, 2 in 10 a reaction. */
function mixedKind(n: number): 'message' | 'edit' | 'react' {
  const slot = n % 10
  if (slot === 3) return 'edit'
  if (slot === 5 || slot === 8) return 'react'
  return 'message'
}

/** The text of a client's n-th message. */
export type MessageText = (n: number) => string

const numbered: MessageText = (n) => `message ${n}`

/** One client's writes to its room: each call makes `count` more, IN_FLIGHT at a time. */
function writerFor(
  client: WsxClient<typeof events>,
  room: string,
  workload: Workload,
  text: MessageText,
): (count: number) => Promise<void> {
  let sent = 0
  /** The client's latest stored message: what its edits and reactions go to. */
  let latest = 0
  return async (count) => {
    const end = sent + count
    async function lane(): Promise<void> {
      while (sent < end) {
        sent += 1
        const n = sent
        const kind = workload === 'mixed' && latest > 0 ? mixedKind(n) : 'message'
        const clientId = `${room}-${n}-change`
        if (kind === 'edit') {
          await client.request('editMessage', { room, seq: latest, message: `edited ${n}`, clientId })
        } else if (kind === 'react') {
          await client.request('react', { room, seq: latest, emoji: '👍', add: n % 20 < 10, clientId })
        } else {
          latest = Math.max(latest, (await client.request('sendMessage', { message: text(n) })).seq)
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
  }
}

/**
 * Makes `writes` writes across CLIENTS clients (one room each), IN_FLIGHT at a time per
 * client, after a warm-up; returns the writes per second once warm. Messages say
 * `message <n>` unless `text` says otherwise.
 */
export async function measureStoredWrites(
  url: string,
  writes: number,
  workload: Workload,
  text: MessageText = numbered,
): Promise<number> {
  const clients = Array.from({ length: CLIENTS }, () =>
    createClient(url, events, { validate: false, reconnect: false }),
  )
  for (const [i, client] of clients.entries()) {
    client.connect()
    await client.request('join', { username: `bench-${i}`, room: `bench-${i}` })
  }
  const writers = clients.map((client, c) => writerFor(client, `bench-${c}`, workload, text))
  await Promise.all(writers.map((write) => write(Math.ceil(WARM_UP / CLIENTS))))
  const perClient = Math.ceil(writes / CLIENTS)
  const started = performance.now()
  await Promise.all(writers.map((write) => write(perClient)))
  const seconds = (performance.now() - started) / 1000
  for (const client of clients) client.close()
  return (perClient * CLIENTS) / seconds
}

/** Parley on `store`, fresh; PostgreSQL gets a schema of its own, dropped when the server stops. */
async function startOn(store: Store): Promise<BenchServer> {
  return store === 'postgres' ? startParleyOnPostgres('parley (postgres)') : startParley(store)
}

async function measureOn(store: Store, writes: number, workload: Workload): Promise<number> {
  const server = await startOn(store)
  try {
    return await measureStoredWrites(server.url, writes, workload)
  } finally {
    await server.stop()
  }
}

/** config.storageMessages messages on each store, config.storageRounds times; a store that fails is left out. */
export function storageThroughputPhase(run: RunLog): Promise<StorageFigure | undefined> {
  run.say(
    `stored writes/s: ${config.storageMessages.toLocaleString('en-US')} writes on memory:, SQLite and PostgreSQL, plain messages then mixed`,
  )
  return run.attempt('storage', () => measureStorage(run, config.storageMessages, config.storageRounds))
}

async function measureStorage(run: RunLog, messages: number, rounds: number): Promise<StorageFigure> {
  const results: Record<Store, number[]> = { memory: [], sqlite: [], postgres: [] }
  const mixed: Record<Store, number[]> = { memory: [], sqlite: [], postgres: [] }
  for (let round = 0; round < rounds; round++) {
    for (const store of stores) {
      const plain = await run.attempt(`stored messages/s on ${store}`, () => measureOn(store, messages, 'plain'))
      if (plain !== undefined) results[store].push(plain)
      const both = await run.attempt(`stored writes/s (mixed) on ${store}`, () => measureOn(store, messages, 'mixed'))
      if (both !== undefined) mixed[store].push(both)
    }
  }
  const bestOf = (values: number[]) => (values.length === 0 ? undefined : Math.max(...values))
  const best = (of: Record<Store, number[]>) => ({
    memory: bestOf(of.memory),
    sqlite: bestOf(of.sqlite),
    postgres: bestOf(of.postgres),
  })
  return {
    messages,
    clients: CLIENTS,
    inFlight: IN_FLIGHT,
    rounds,
    results,
    best: best(results),
    mixed,
    bestMixed: best(mixed),
  }
}
