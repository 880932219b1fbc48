// One room of thousands: every member joins within a few seconds, paced by the clock; then
// how long until every member's list of who is there is right, what the joins cost in bytes
// and server CPU, and how long one message takes to reach everyone. Run alone with
// `bun bench/phases/big-room.ts`.
import { z } from 'zod'
import { config } from '../config.ts'
import { type BenchClient, openClient } from '../load/bench-client.ts'
import { PresenceView } from '../load/presence-view.ts'
import { isMessagePush, sendMessageFrame, sentAtOf } from '../load/wire.ts'
import { totalCpuTimes } from '../machine/proc-stats.ts'
import { percentiles } from '../report/stats.ts'
import { settleConnections } from '../servers/probes.ts'
import { type BenchServer, startServer } from '../servers/start-servers.ts'
import { consoleRunLog, type RunLog } from './run-log.ts'

export interface BigRoomFigure {
  members: number
  joinSeconds: number
  joined: number
  /** From the first join sent until every member's list held everyone (NaN when some never did). */
  settleSeconds: number
  /** Members whose list was right when the wait ended. */
  correct: number
  /** Bytes the members received from the first join until settled, all of them, per join, and of those the join answers'. */
  joinBytes: number
  bytesPerJoin: number
  answerBytesPerJoin: number
  /** Server CPU seconds (user + system) from the first join until settled. */
  serverCpuSeconds: number
  /** The load process's CPU share from the first join until settled, and how late its 10 ms timer ran (p99): near 100% or high lag means it was the limit. */
  loadCpuShare: number
  loadLagP99Ms: number
  /** One message from member 0, sent once everyone is there: how many received it, and when. */
  delivered: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  failures: string[]
}

const ROOM = 'big-room'
const NAME_PREFIX = 'big-'
const SETTLE_WAIT_MS = 60_000
const DELIVERY_WAIT_MS = 10_000
const POLL_MS = 20

const answerSchema = z.object({ users: z.array(z.string()) })

const seatOf = (username: string) =>
  username.startsWith(NAME_PREFIX) ? Number(username.slice(NAME_PREFIX.length)) : Number.NaN

/** The big room on a fresh Parley (SQLite, as deployed). */
export async function bigRoomPhase(run: RunLog): Promise<BigRoomFigure | undefined> {
  const { members, joinSeconds } = config.bigRoom
  run.say(`parley: one room of ${members.toLocaleString('en-US')}, joined over ${joinSeconds} s, on a fresh server`)
  return run.attempt('big room', async () => {
    const server = await startServer('parley')
    try {
      const figure = await measureBigRoom(server, members, joinSeconds)
      run.say(
        `  settled in ${figure.settleSeconds.toFixed(2)} s (${figure.correct} right), ` +
          `${Math.round(figure.bytesPerJoin).toLocaleString('en-US')} bytes per join, server CPU ${figure.serverCpuSeconds.toFixed(2)} s, ` +
          `message p99 ${figure.p99Ms.toFixed(1)} ms; load CPU ${(figure.loadCpuShare * 100).toFixed(0)}%, lag p99 ${figure.loadLagP99Ms.toFixed(1)} ms`,
      )
      return figure
    } finally {
      await server.stop()
    }
  })
}

async function until(done: () => boolean, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs
  while (!done() && performance.now() < deadline) await Bun.sleep(POLL_MS)
}

/** How late a 10 ms timer runs while `measure` runs: the load process's own lag. */
function lagProbe() {
  const lags: number[] = []
  let expected = performance.now() + 10
  const timer = setInterval(() => {
    const now = performance.now()
    lags.push(Math.max(0, now - expected))
    expected = now + 10
  }, 10)
  return () => {
    clearInterval(timer)
    return percentiles(lags).p99
  }
}

async function measureBigRoom(server: BenchServer, members: number, joinSeconds: number): Promise<BigRoomFigure> {
  const clients: (BenchClient | undefined)[] = new Array(members)
  const views = Array.from({ length: members }, () => new PresenceView(members, seatOf))
  const latencies: number[] = []
  const failures: string[] = []
  let answerBytes = 0
  let joined = 0

  const joinOne = async (i: number) => {
    try {
      const client = await openClient(server, 30_000)
      clients[i] = client
      const view = views[i] as PresenceView
      client.onFrame = (frame) => {
        if (view.push(frame)) return
        if (isMessagePush(frame)) latencies.push(performance.now() - sentAtOf(frame))
      }
      const before = client.bytesReceived
      const answer = answerSchema.parse(
        await client.request('join', { username: `${NAME_PREFIX}${i}`, room: ROOM }, 30_000),
      )
      view.answer(answer.users)
      answerBytes += client.bytesReceived - before
      joined++
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
  }

  const cpuBefore = totalCpuTimes([server.pid])
  const loadCpuBefore = process.cpuUsage()
  const stopLag = lagProbe()
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let i = 0; i < members; i++) {
    const wait = started + (i * joinSeconds * 1000) / members - performance.now()
    if (wait > 0) await Bun.sleep(wait)
    pending.push(joinOne(i))
  }
  await Promise.all(pending)
  await until(() => views.every((view) => view.complete), SETTLE_WAIT_MS)
  const loadCpu = process.cpuUsage(loadCpuBefore)
  const joiningMs = performance.now() - started
  const loadLagP99Ms = stopLag()
  const cpuAfter = totalCpuTimes([server.pid])
  const joinBytes = clients.reduce((sum, client) => sum + (client?.bytesReceived ?? 0), 0)
  const correct = views.filter((view) => view.complete).length
  const completeAt = views.map((view) => view.completeAt ?? Number.NaN)
  const settleSeconds = correct === members ? (Math.max(...completeAt) - started) / 1000 : Number.NaN

  const sender = clients[0]
  if (sender?.isOpen) {
    sender.send(sendMessageFrame('big-1', ROOM, performance.now()))
    await until(() => latencies.length >= joined, DELIVERY_WAIT_MS)
  }
  const delivery = percentiles(latencies)
  for (const client of clients) client?.close()
  await settleConnections(server, 0, 30_000)
  return {
    members,
    joinSeconds,
    joined,
    settleSeconds,
    correct,
    joinBytes,
    bytesPerJoin: joinBytes / members,
    answerBytesPerJoin: answerBytes / members,
    serverCpuSeconds: cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system,
    loadCpuShare: (loadCpu.user + loadCpu.system) / 1000 / joiningMs,
    loadLagP99Ms,
    delivered: latencies.length,
    p50Ms: delivery.p50,
    p99Ms: delivery.p99,
    maxMs: delivery.max,
    failures: [...new Set(failures)].slice(0, 5),
  }
}

if (import.meta.main) {
  const figure = await bigRoomPhase(consoleRunLog)
  console.log(JSON.stringify(figure, null, 2))
  process.exit(0)
}
