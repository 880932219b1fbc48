// One step at a fixed rate on every compared server (and Parley with `memory:`), on the
// servers the deliveries phase then ramps: CPU per delivery and p99 at a rate all of them
// carry (config.fixedRate), and send → delivery latency at light load (config.lightLoad).
import { config, type RoomShape } from '../config.ts'
import { DISTURBED_SHARE } from '../load/ramp.ts'
import { generatorLimited } from '../load/ramp-shape.ts'
import { closeRooms, openRooms } from '../load/rooms.ts'
import { runStep, type StepResult } from '../load/step.ts'
import { untilCpusQuiet } from '../machine/cpu-contention.ts'
import { LOAD_CPU, SERVER_CPU } from '../machine/pinning.ts'
import { settleConnections } from '../servers/probes.ts'
import { type BenchServer, compared, type ServerKind, type ServersByKind } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'

export interface FixedRateFigure {
  shape: RoomShape
  /** The rate asked for, in deliveries/s (messages/s × members). */
  deliveriesPerSecond: number
  step: StepResult
  /** Server CPU µs per delivery (= CPU seconds per million deliveries). */
  cpuMicrosPerDelivery: number
  /**
   * The load generator's timer ran late in this step. The table judges every server's figure
   * by the ceiling's step at the same rate: a server that delivers in bursts makes the timer
   * late without the generator being the limit.
   */
  generatorLimited: boolean
  /** Other work took ≥ 20% of the server's or the load's CPU during the step (after MAX_TRIES tries). */
  disturbed: boolean
  /** Steps run, counting those set aside because other work shared our CPUs. */
  tries: number
}

export interface FixedRateFigures {
  /** config.fixedRate on each server. */
  heavy: Partial<Record<ServerKind, FixedRateFigure>>
  /** config.lightLoad on each server. */
  light: Partial<Record<ServerKind, FixedRateFigure>>
}

/**
 * Each server runs at the step's rate this long first: a fixed-rate figure is a server that
 * has been up a while, not one still compiling its code (Parley's JIT takes several seconds
 * of traffic to settle; the ceiling has little to compile).
 */
const WARM_UP_SECONDS = 5
/** The strictest p99 a fixed-rate figure is held to: the load generator must stay well within it. */
const P99_BUDGET_MS = 10
/** A step that shared our CPUs with other work is run again, up to this many steps in all. */
const MAX_TRIES = 3

const isDisturbed = (step: StepResult) => Math.max(step.othersOnServerCpu, step.othersOnLoadCpu) >= DISTURBED_SHARE

/** Both fixed rates on every server that runs, one server after another. */
export async function fixedRatePhase(servers: ServersByKind, run: RunLog): Promise<FixedRateFigures> {
  const figures: FixedRateFigures = { heavy: {}, light: {} }
  const kinds: ServerKind[] = [...compared, 'parleyMemory']
  const { fixedRate, lightLoad } = config
  const settings = [
    { key: 'heavy', shape: fixedRate.shape, deliveriesPerSecond: fixedRate.deliveriesPerSecond },
    {
      key: 'light',
      shape: lightLoad.shape,
      deliveriesPerSecond: lightLoad.messagesPerSecond * lightLoad.shape.members,
    },
  ] as const
  for (const { key, shape, deliveriesPerSecond } of settings) {
    for (const kind of kinds) {
      const server = servers[kind]
      if (!server) continue
      run.say(
        `${server.name}: ${deliveriesPerSecond.toLocaleString('en-US')} deliveries/s in ${shape.rooms} rooms of ${shape.members}`,
      )
      const figure = await run.attempt(`${kind} at ${deliveriesPerSecond} deliveries/s`, () =>
        measureAt(server, shape, deliveriesPerSecond),
      )
      if (!figure) continue
      figures[key][kind] = figure
      run.say(describeFixed(figure))
    }
  }
  return figures
}

async function measureAt(server: BenchServer, shape: RoomShape, deliveriesPerSecond: number): Promise<FixedRateFigure> {
  const ratePerRoom = deliveriesPerSecond / (shape.rooms * shape.members)
  const rooms = await openRooms([server], `fixed${shape.members}`, shape.rooms, shape.members)
  try {
    await runStep(rooms, ratePerRoom, WARM_UP_SECONDS, [server])
    let step: StepResult | undefined
    let tries = 0
    // The least disturbed of up to MAX_TRIES steps: the first that had our CPUs to itself, if one did.
    while (tries < MAX_TRIES && (!step || isDisturbed(step))) {
      await untilCpusQuiet(config.quietWaitBudgetSeconds * 1000, [SERVER_CPU, LOAD_CPU])
      const tried = await runStep(rooms, ratePerRoom, config.fixedSeconds, [server])
      tries++
      const others = (s: StepResult) => Math.max(s.othersOnServerCpu, s.othersOnLoadCpu)
      if (!step || others(tried) < others(step)) step = tried
    }
    if (!step) throw new Error('no step ran')
    return {
      shape,
      deliveriesPerSecond,
      step,
      cpuMicrosPerDelivery: step.delivered === 0 ? Number.NaN : (step.serverCpuSeconds / step.delivered) * 1e6,
      generatorLimited: generatorLimited(step, P99_BUDGET_MS),
      disturbed: isDisturbed(step),
      tries,
    }
  } finally {
    closeRooms(rooms)
    await settleConnections(server, 0)
  }
}

const pct = (share: number) => `${Math.round(share * 100)}%`

function describeFixed({
  step,
  cpuMicrosPerDelivery,
  generatorLimited: limited,
  disturbed,
  tries,
}: FixedRateFigure): string {
  return (
    `    ${Math.round(step.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s (${pct(step.deliveredShare)} delivered)` +
    `  p50 ${step.p50Ms.toFixed(2)} p99 ${step.p99Ms.toFixed(2)} ms  ${cpuMicrosPerDelivery.toFixed(2)} µs CPU per delivery` +
    `  cpu server ${pct(step.serverCpuShare)} load ${pct(step.loadCpuShare)}, others ${pct(step.othersOnServerCpu)} ${pct(step.othersOnLoadCpu)}` +
    (limited
      ? '  (limited by the load generator)'
      : step.loadLagP99Ms >= P99_BUDGET_MS / 2
        ? "  (the load generator's timer ran late)"
        : '') +
    (disturbed ? `  (busy: other work shared our CPUs in all ${tries} tries)` : tries > 1 ? `  (try ${tries})` : '')
  )
}
