// One load step: every room's sender sends at a fixed rate for a few seconds; every member
// counts `message` deliveries; one member per room times them against the send time.
import { busyShare, cpuTicks } from '../machine/cpu-contention.ts'
import { LOAD_CPU, SERVER_CPU } from '../machine/pinning.ts'
import { totalCpuTimes } from '../machine/proc-stats.ts'
import { percentiles } from '../report/stats.ts'
import { type Room, senderOf, timerOf } from './rooms.ts'
import { probeStalls, type StallProbe } from './stall-probe.ts'

export interface StepResult {
  /** Messages per second each room's sender was asked to send. */
  ratePerRoom: number
  /** How long the senders sent. */
  seconds: number
  sent: number
  /** Deliveries due: sent × members. */
  expected: number
  /** Deliveries that arrived by the end of the grace period after the last send. */
  delivered: number
  deliveredShare: number
  /** Delivered over the sending time. */
  deliveriesPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** `response_error` answers to sends. */
  errors: number
  /** Members whose connection closed during the step. */
  closedMembers: number
  /** Frames were still arriving MAX_QUIET_WAIT_MS after the grace period: the next step would count them. */
  backlogLeft: boolean
  /** Server CPU (every server's, added up) from the first send to the end of the grace period, and the kernel's part of it. */
  serverCpuSeconds: number
  serverSystemSeconds: number
  /** Server and load generator CPU while sending, as a share of one core. */
  serverCpuShare: number
  loadCpuShare: number
  /**
   * The load generator's own event-loop delay while sending (gaps between its 1 ms send ticks,
   * less 1 ms): when this is large, the latencies measure the load generator, not the server.
   */
  loadLagP99Ms: number
  loadLagMaxMs: number
  /** Round trips of an HTTP request sent to each server every 10 ms while sending: its stalls (the worst server's). */
  serverHttpP99Ms: number
  serverHttpMaxMs: number
  /** While sending, the share of the server's CPU and of the load's CPU that other processes used. */
  othersOnServerCpu: number
  othersOnLoadCpu: number
}

/** How long deliveries may trail the last send and still count. */
const GRACE_MS = 1_000
/** Between steps: no frames for this long means the previous step is over. */
const QUIET_MS = 250
const MAX_QUIET_WAIT_MS = 10_000

/** Numbers every timed send of the run, so no two share a request id. */
let frameId = 0

/** Points every member's frame handler at the step's counters. */
function countDeliveries(rooms: readonly Room[], latencies: number[]) {
  // Every frame counts toward `frames`, so the end of a backlog can be seen without a clock read per frame.
  const counts = { delivered: 0, errors: 0, frames: 0 }
  for (const room of rooms) {
    for (const member of room.members) {
      const { isMessagePush, isErrorResponse } = member.dialect
      member.onFrame = (frame) => {
        counts.frames++
        if (isMessagePush(frame)) counts.delivered++
        else if (isErrorResponse(frame)) counts.errors++
      }
    }
    const timer = timerOf(room)
    const { isMessagePush, isErrorResponse, sentAtOf } = timer.dialect
    timer.onFrame = (frame) => {
      const now = performance.now()
      counts.frames++
      if (!isMessagePush(frame)) {
        if (isErrorResponse(frame)) counts.errors++
        return
      }
      counts.delivered++
      const sentAt = sentAtOf(frame)
      if (!Number.isNaN(sentAt)) latencies.push(now - sentAt)
    }
  }
  return counts
}

/** Waits until `done()` holds, polling, for at most `maxMs`. */
async function waitFor(done: () => boolean, maxMs: number, pollMs = 20): Promise<void> {
  const deadline = performance.now() + maxMs
  while (!done() && performance.now() < deadline) await Bun.sleep(pollMs)
}

/** Waits until no frame arrives for QUIET_MS, for at most MAX_QUIET_WAIT_MS; says whether it got quiet. */
async function untilQuiet(frames: () => number): Promise<boolean> {
  const deadline = performance.now() + MAX_QUIET_WAIT_MS
  let seen = frames()
  do {
    await Bun.sleep(QUIET_MS)
    if (frames() === seen) return true
    seen = frames()
  } while (performance.now() < deadline)
  return false
}

const openMembers = (rooms: readonly Room[]) =>
  rooms.reduce((open, room) => open + room.members.filter((member) => member.isOpen).length, 0)

/** A server under load: its process and its HTTP address. */
export interface StepTarget {
  pid: number
  http: string
}

/** Each server's stall probe; the worst p99 and the largest round trip of them all. */
async function worstStalls(probes: readonly StallProbe[]): Promise<{ p99Ms: number; maxMs: number }> {
  const results = await Promise.all(probes.map((probe) => probe.stop()))
  return {
    p99Ms: Math.max(...results.map((result) => result.p99Ms)),
    maxMs: Math.max(...results.map((result) => result.maxMs)),
  }
}

/**
 * Runs one step at `ratePerRoom` messages/s per room for `seconds`. With several servers (all
 * on the server CPU), their CPU is added up and each is probed for stalls.
 */
export async function runStep(
  rooms: readonly Room[],
  ratePerRoom: number,
  seconds: number,
  servers: readonly StepTarget[],
): Promise<StepResult> {
  const serverPids = servers.map((server) => server.pid)
  const members = rooms[0]?.members.length ?? 0
  const latencies: number[] = []
  const counts = countDeliveries(rooms, latencies)
  const openBefore = openMembers(rooms)

  const serverCpuBefore = totalCpuTimes(serverPids)
  const loadCpuBefore = process.cpuUsage()
  const ticksBefore = cpuTicks()
  const sentPerRoom = rooms.map(() => 0)
  const started = performance.now()
  const durationMs = seconds * 1000
  const lags: number[] = []
  let lastTick = started
  const tick = () => {
    const now = performance.now()
    lags.push(Math.max(0, now - lastTick - 1))
    lastTick = now
    const elapsed = Math.min(now - started, durationMs)
    for (const [r, room] of rooms.entries()) {
      // Rooms are offset by a fraction of the interval so their sends do not all land at once.
      const due = Math.floor((ratePerRoom * elapsed) / 1000 + r / rooms.length)
      const sender = senderOf(room)
      for (let sent = sentPerRoom[r] ?? 0; sent < due; sent++) {
        if (sender.isOpen) sender.send(sender.dialect.sendMessage(++frameId, room.name, performance.now()))
      }
      sentPerRoom[r] = Math.max(sentPerRoom[r] ?? 0, due)
    }
  }
  // A path nobody serves: the 404 is a plain round trip through the event loop, with no work behind it.
  const stalls = servers.map((server) => probeStalls(`${server.http}/api/stall-probe`))
  const timer = setInterval(tick, 1)
  await Bun.sleep(durationMs)
  clearInterval(timer)
  tick()
  const sendingMs = performance.now() - started
  const serverCpuNow = totalCpuTimes(serverPids)
  const serverCpuSending = serverCpuNow.user + serverCpuNow.system - serverCpuBefore.user - serverCpuBefore.system
  const loadCpuSending = process.cpuUsage(loadCpuBefore)
  const ticksSending = cpuTicks()
  const http = await worstStalls(stalls)
  const sent = sentPerRoom.reduce((sum, n) => sum + n, 0)
  const expected = sent * members
  await waitFor(() => counts.delivered >= expected, GRACE_MS)
  const delivered = counts.delivered
  const serverCpuAfter = totalCpuTimes(serverPids)
  const closedMembers = openBefore - openMembers(rooms)
  // Let the rest of a backlog drain so it is not counted in the next step.
  const quiet = await untilQuiet(() => counts.frames)

  const latency = percentiles(latencies)
  const lag = percentiles(lags)
  const sendingSeconds = sendingMs / 1000
  const serverCpuShare = serverCpuSending / sendingSeconds
  const loadCpuShare = (loadCpuSending.user + loadCpuSending.system) / 1e6 / sendingSeconds
  return {
    ratePerRoom,
    seconds: sendingMs / 1000,
    sent,
    expected,
    delivered,
    deliveredShare: expected === 0 ? 0 : delivered / expected,
    deliveriesPerSecond: delivered / (sendingMs / 1000),
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    maxMs: latency.max,
    errors: counts.errors,
    closedMembers,
    backlogLeft: !quiet,
    serverCpuSeconds: serverCpuAfter.user + serverCpuAfter.system - serverCpuBefore.user - serverCpuBefore.system,
    serverSystemSeconds: serverCpuAfter.system - serverCpuBefore.system,
    serverCpuShare,
    loadCpuShare,
    loadLagP99Ms: lag.p99,
    loadLagMaxMs: lag.max,
    serverHttpP99Ms: http.p99Ms,
    serverHttpMaxMs: http.maxMs,
    othersOnServerCpu: Math.max(0, busyShare(ticksBefore, ticksSending, SERVER_CPU) - serverCpuShare),
    othersOnLoadCpu: Math.max(0, busyShare(ticksBefore, ticksSending, LOAD_CPU) - loadCpuShare),
  }
}
