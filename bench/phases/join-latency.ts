// Join latency at a steady rate of new users: each opens a connection and joins a room that
// already has history (the deliveries phase's rooms of 32); the figure is the join request's
// round trip.
import { config } from '../config.ts'
import { type BenchClient, openClient } from '../load/bench-client.ts'
import { roomTag } from '../load/ramp-shape.ts'
import { roomNames } from '../load/rooms.ts'
import { percentiles } from '../report/stats.ts'
import { settleConnections } from '../servers/probes.ts'
import { type BenchServer, compared, type ServerKind, type ServersByKind } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'

export interface JoinFigure {
  joinsPerSecond: number
  attempted: number
  joined: number
  /** Join request to its answer. */
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Connection open (WebSocket upgrade) time, and open plus join. */
  connectP99Ms: number
  totalP99Ms: number
  failures: string[]
}

/** The rooms joined: the deliveries phase's rooms of 32, which by then have history to send with each answer. */
const JOIN_SHAPE = { members: 32, rooms: 8 }

/** Joins on the baseline and on Parley, in turn, after the deliveries phase on the same servers. */
export async function joinLatencyPhase(servers: ServersByKind, run: RunLog) {
  const joins: Partial<Record<ServerKind, JoinFigure>> = {}
  const rooms = roomNames(roomTag(JOIN_SHAPE), JOIN_SHAPE.rooms)
  for (const kind of compared) {
    const server = servers[kind]
    if (!server) continue
    run.say(`${server.name}: joins at ${config.joinsPerSecond}/s for ${config.joinSeconds} s`)
    joins[kind] = await run.attempt(`${kind} joins`, () =>
      measureJoins(server, rooms, config.joinsPerSecond, config.joinSeconds),
    )
  }
  return joins
}

async function measureJoins(
  server: BenchServer,
  rooms: readonly string[],
  joinsPerSecond: number,
  seconds: number,
): Promise<JoinFigure> {
  const attempted = Math.round(joinsPerSecond * seconds)
  const joinMs: number[] = []
  const connectMs: number[] = []
  const totalMs: number[] = []
  const failures: string[] = []
  const clients: BenchClient[] = []
  const joinOne = async (i: number) => {
    const started = performance.now()
    try {
      const client = await openClient(server)
      clients.push(client)
      const open = performance.now()
      await client.request('join', { username: `joiner-${i}`, room: rooms[i % rooms.length] })
      const done = performance.now()
      connectMs.push(open - started)
      joinMs.push(done - open)
      totalMs.push(done - started)
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
  }
  const pending: Promise<void>[] = []
  const started = performance.now()
  for (let i = 0; i < attempted; i++) {
    const due = started + (i * 1000) / joinsPerSecond
    const wait = due - performance.now()
    if (wait > 0) await Bun.sleep(wait)
    pending.push(joinOne(i))
  }
  await Promise.all(pending)
  for (const client of clients) client.close()
  await settleConnections(server, 0)
  const join = percentiles(joinMs)
  return {
    joinsPerSecond,
    attempted,
    joined: joinMs.length,
    p50Ms: join.p50,
    p99Ms: join.p99,
    maxMs: join.max,
    connectP99Ms: percentiles(connectMs).p99,
    totalP99Ms: percentiles(totalMs).p99,
    failures: [...new Set(failures)].slice(0, 5),
  }
}
