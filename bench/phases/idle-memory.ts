// Server memory per idle connection: resident memory before and after opening many joined,
// silent connections, divided by how many opened.
import { config } from '../config.ts'
import { type BenchClient, openClient } from '../load/bench-client.ts'
import { eachLimited } from '../load/each-limited.ts'
import { residentBytes } from '../machine/proc-stats.ts'
import { isRelaunched, relaunchPinned } from '../machine/relaunch.ts'
import { serverRss, settleConnections } from '../servers/probes.ts'
import { type BenchServer, compared, type ServerKind, startServer } from '../servers/start-servers.ts'
import { consoleRunLog, type RunLog } from './run-log.ts'

export interface MemoryFigure {
  connections: number
  /** Resident bytes as the figure reads them: /api/metrics for Parley, VmRSS for the baseline. */
  rssBefore: number
  rssAfter: number
  bytesPerConnection: number
  /** VmRSS from /proc for either server, to cross-check. */
  vmRssBefore: number
  vmRssAfter: number
  failures: number
}

const MEMBERS_PER_ROOM = 50
const OPENING_AT_ONCE = 100
const WARM_UP_CONNECTIONS = 200

const RSS_EVERY_MS = 250

/** The lowest resident memory seen over `seconds`: what is left once the collector has caught up. */
async function settledRss(server: BenchServer, seconds: number): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY
  const deadline = performance.now() + seconds * 1000
  while (performance.now() < deadline) {
    lowest = Math.min(lowest, await serverRss(server))
    await Bun.sleep(RSS_EVERY_MS)
  }
  return Math.min(lowest, await serverRss(server))
}

/** Opens `count` connections, each joined to a room of 50; the clients and how many failed. */
async function openJoined(server: BenchServer, count: number, tag: string) {
  const clients: BenchClient[] = []
  let failures = 0
  const seats = Array.from({ length: count }, (_, i) => i)
  await eachLimited(seats, OPENING_AT_ONCE, async (i) => {
    try {
      const client = await openClient(server)
      clients.push(client)
      await client.request('join', { username: `${tag}-${i}`, room: `${tag}-${Math.floor(i / MEMBERS_PER_ROOM)}` })
    } catch {
      failures++
    }
  })
  return { clients, failures }
}

/**
 * Memory on a fresh server of each kind, one at a time: garbage from the load would swamp a
 * few kilobytes per connection.
 */
export async function idleMemoryPhase(run: RunLog) {
  const memory: Partial<Record<ServerKind, MemoryFigure>> = {}
  for (const kind of compared) {
    run.say(
      `${kind}: memory with ${config.idleConnections.toLocaleString('en-US')} idle connections, on a fresh server`,
    )
    memory[kind] = await run.attempt(`${kind} memory`, async () => {
      const server = await startServer(kind)
      try {
        return await measureIdleMemory(server, config.idleConnections, config.idleSettleSeconds)
      } finally {
        await server.stop()
      }
    })
  }
  return memory
}

/**
 * Best on a fresh server: a server that has just carried load holds garbage it may free at
 * any moment, and that swamps a few kilobytes per connection. A warm-up round first gets
 * the code paths compiled, so their memory counts in "before".
 */
async function measureIdleMemory(server: BenchServer, count: number, settleSeconds: number) {
  const warmUp = await openJoined(server, WARM_UP_CONNECTIONS, 'warm')
  for (const client of warmUp.clients) client.close()
  await settleConnections(server, 0)
  const rssBefore = await settledRss(server, settleSeconds)
  const vmRssBefore = residentBytes(server.pid)
  const { clients, failures } = await openJoined(server, count, 'idle')
  const rssAfter = await settledRss(server, settleSeconds)
  const open = clients.filter((client) => client.isOpen).length
  const vmRssAfter = residentBytes(server.pid)
  for (const client of clients) client.close()
  await settleConnections(server, 0, 30_000)
  return {
    connections: open,
    rssBefore,
    rssAfter,
    bytesPerConnection: open === 0 ? Number.NaN : (rssAfter - rssBefore) / open,
    vmRssBefore,
    vmRssAfter,
    failures,
  } satisfies MemoryFigure
}

if (import.meta.main) {
  // Parley alone, as in the whole run: the load on its own CPU, away from the server's.
  if (!isRelaunched) await relaunchPinned(import.meta.path)
  const server = await startServer('parley')
  try {
    const figure = await measureIdleMemory(server, config.idleConnections, config.idleSettleSeconds)
    consoleRunLog.say(
      `parley: ${Math.round(figure.bytesPerConnection).toLocaleString('en-US')} bytes RSS per idle joined connection`,
    )
    console.log(JSON.stringify(figure, null, 2))
  } finally {
    await server.stop()
  }
}
