// The deliveries figure for one room shape on one server, or on several instances of it
// sharing the rooms: open the rooms, warm up, ramp, read the figure off the steps, close them.
import { config, type RoomShape } from '../config.ts'
import { settleConnections, storageWriteBuckets } from '../servers/probes.ts'
import type { BenchServer } from '../servers/start-servers.ts'
import { DISTURBED_SHARE, type RampStep, ramp } from './ramp.ts'
import { closeRooms, openRooms, type Room } from './rooms.ts'
import { runStep, type StepResult } from './step.ts'

export interface DeliveryFigure {
  members: number
  rooms: number
  /** The best step that passed, if any did. */
  best: StepResult | undefined
  /** Server CPU seconds per million deliveries at the best step (or, if none passed, the busiest step that delivered). */
  cpuSecondsPerMillion: number | undefined
  steps: RampStep[]
  /**
   * At the first failing rate above the best, the load generator was the limit (its 1 ms timer
   * ran ≥ 25 ms late at p99, half the knee's p99): the figure is then the load generator's
   * ceiling, and the server's is higher.
   */
  loadBound: boolean
  /** No rate above the best failed: the ramp ran out of steps before finding the limit. */
  capped: boolean
  /**
   * Every try at the first failing rate above the best shared our CPUs with other work (≥ 20%):
   * the figure may be the machine's, not the server's. Run again when the machine is quiet.
   */
  noisy: boolean
  /** Parley's storage writes during the ramp (from its histogram): how many, and the shares slower than 5 and 10 ms. */
  storageWrites?: { count: number; over5ms: number; over10ms: number }
  note?: string
}

type Buckets = Map<number, number>

/** Every Parley's storage write histogram, added up; undefined when none is Parley. */
async function allStorageWrites(servers: readonly BenchServer[]): Promise<Buckets | undefined> {
  const parleys = servers.filter((server) => server.kind === 'parley')
  if (parleys.length === 0) return undefined
  const total: Buckets = new Map()
  for (const buckets of await Promise.all(parleys.map((server) => storageWriteBuckets(server.http)))) {
    for (const [bound, count] of buckets) total.set(bound, (total.get(bound) ?? 0) + count)
  }
  return total
}

function slowWrites(before: Buckets, after: Buckets): DeliveryFigure['storageWrites'] {
  const between = (bound: number) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0)
  const count = between(Number.POSITIVE_INFINITY)
  if (count === 0) return undefined
  return { count, over5ms: 1 - between(0.005) / count, over10ms: 1 - between(0.01) / count }
}

const WARM_UP_SECONDS = 1

/** Room names for a shape: the same on every server, so later figures can reuse them. */
export const roomTag = (shape: RoomShape) => `bench${shape.members}`

interface RampShapeOptions<T> {
  /** What the room names start with; `roomTag(shape)` when omitted. */
  tag?: string
  /**
   * Runs after the ramp with the rooms still joined, at the best step (or, when none passed,
   * the slowest tried), before they are closed.
   */
  whileOpen?: (rooms: readonly Room[], rate: StepResult) => Promise<T>
}

/**
 * Ramps `shape` on `servers` (one, or instances of one cluster, whose members take turns: see
 * openRooms) with the run's ramp settings; the figure, and what `whileOpen` gave.
 */
export async function rampShape<T = undefined>(
  servers: readonly BenchServer[],
  shape: RoomShape,
  log: (line: string) => void,
  { tag = roomTag(shape), whileOpen }: RampShapeOptions<T> = {},
): Promise<{ figure: DeliveryFigure; whileOpen: T | undefined }> {
  const { startDeliveriesPerSecond, maxRates, maxRuns, stepSeconds, precision, growth } = config
  const rooms = await openRooms(servers, tag, shape.rooms, shape.members)
  try {
    // Unrecorded: the first seconds of load on a fresh server include compiling its hot paths.
    await runStep(rooms, startDeliveriesPerSecond / (shape.rooms * shape.members), WARM_UP_SECONDS, servers)
    const writesBefore = await allStorageWrites(servers)
    const result = await ramp(rooms, servers, {
      startDeliveriesPerSecond,
      maxRates,
      maxRuns,
      stepSeconds,
      precision,
      growth,
      maxP99Ms: config.kneeP99Ms,
      onStep: (step) => log(describeStep(step)),
    })
    const writesAfter = writesBefore && (await allStorageWrites(servers))
    const storageWrites = writesBefore && writesAfter && slowWrites(writesBefore, writesAfter)
    const best = result.best
    const cpuStep = best ?? busiestDelivered(result.steps)
    const figure: DeliveryFigure = {
      members: shape.members,
      rooms: shape.rooms,
      best,
      cpuSecondsPerMillion: cpuStep ? (cpuStep.serverCpuSeconds / cpuStep.delivered) * 1e6 : undefined,
      loadBound: isLoadBound(result.steps, best),
      capped: best !== undefined && firstFailure(result.steps, best).length === 0,
      noisy: firstFailure(result.steps, best).every(isDisturbed) && firstFailure(result.steps, best).length > 0,
      steps: result.steps,
      ...(storageWrites ? { storageWrites } : {}),
      ...(result.note ? { note: result.note } : {}),
    }
    // Without a passing rate, the slowest one tried stands in.
    const rate =
      best ??
      result.steps.reduce<StepResult | undefined>(
        (slowest, step) => (slowest && slowest.ratePerRoom <= step.ratePerRoom ? slowest : step),
        undefined,
      )
    return { figure, whileOpen: whileOpen && rate ? await whileOpen(rooms, rate) : undefined }
  } finally {
    closeRooms(rooms)
    await Promise.all(servers.map((server) => settleConnections(server, 0)))
  }
}

/**
 * Whether the load generator itself was the limit of a step whose p99 is held to `p99BudgetMs`:
 * its 1 ms timer ran late, at p99, by half that budget or more while other work left it the
 * CPU (when others took it, the machine was the limit: see `disturbed`). A late timer means
 * every frame it reads is stamped late by as much. Its CPU share is no sign: Bun's client
 * reads greedily and shows 97% at 400,000 deliveries/s in rooms of 32 with its timer on time.
 */
export const generatorLimited = (step: StepResult, p99BudgetMs: number = config.kneeP99Ms) =>
  step.loadLagP99Ms >= p99BudgetMs / 2 && step.othersOnLoadCpu < DISTURBED_SHARE

const isDisturbed = (step: StepResult) => Math.max(step.othersOnServerCpu, step.othersOnLoadCpu) >= DISTURBED_SHARE

/** Every try at the slowest failing rate above the best (the rate that decided the figure). */
function firstFailure(steps: readonly RampStep[], best: StepResult | undefined): RampStep[] {
  const above = steps.filter((step) => !step.passed && step.ratePerRoom > (best?.ratePerRoom ?? 0))
  const slowest = Math.min(...above.map((step) => step.ratePerRoom))
  return above.filter((step) => step.ratePerRoom === slowest)
}

/**
 * The fastest step, of all given, in which the load generator kept up: ≥ 95% delivered, its
 * timer on time, our CPUs to ourselves. What it was seen to carry in a room shape.
 */
export function generatorReach(steps: readonly StepResult[]): StepResult | undefined {
  let fastest: StepResult | undefined
  for (const step of steps) {
    if (step.deliveredShare < 0.95 || generatorLimited(step) || isDisturbed(step)) continue
    if (!fastest || step.deliveriesPerSecond > fastest.deliveriesPerSecond) fastest = step
  }
  return fastest
}

/**
 * Whether the rate that decided a figure is one the load generator carried on time elsewhere
 * in the run (on another server, same rooms): then a late timer there was the server's doing
 * (deliveries arriving in bursts are read in bursts), not the generator's limit.
 */
export function withinReach(figure: DeliveryFigure, reach: StepResult | undefined): boolean {
  const failing = firstFailure(figure.steps, figure.best)
  return reach !== undefined && failing.length > 0 && failing.every((step) => step.ratePerRoom <= reach.ratePerRoom)
}

function isLoadBound(steps: readonly RampStep[], best: StepResult | undefined): boolean {
  // Tries that shared our CPUs with much other work say nothing about either side.
  const clean = firstFailure(steps, best).filter((step) => !isDisturbed(step))
  return clean.length > 0 && clean.every((step) => generatorLimited(step))
}

function busiestDelivered(steps: readonly StepResult[]): StepResult | undefined {
  const delivered = steps.filter((step) => step.deliveredShare >= 0.95)
  return delivered.reduce<StepResult | undefined>((a, b) => (a && a.delivered >= b.delivered ? a : b), undefined)
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const pct = (share: number) => `${Math.round(share * 100)}%`

export function describeStep(step: RampStep): string {
  const verdict = step.passed ? 'pass' : step.disturbed ? 'busy' : 'FAIL'
  return (
    `    ${verdict}${step.retry ? ' (retry)' : ''}  ${int(step.deliveriesPerSecond).padStart(9)} deliveries/s` +
    `  (${Math.round(step.deliveredShare * 100)}% delivered)  p50 ${step.p50Ms.toFixed(2)} p99 ${step.p99Ms.toFixed(2)} ms` +
    `  cpu server ${pct(step.serverCpuShare)} load ${pct(step.loadCpuShare)}` +
    `, stalls: server http p99 ${step.serverHttpP99Ms.toFixed(1)} ms, load lag p99 ${step.loadLagP99Ms.toFixed(1)} ms` +
    `, others ${pct(step.othersOnServerCpu)} ${pct(step.othersOnLoadCpu)}` +
    (step.errors ? `  ${step.errors} errors` : '') +
    (step.waitedMs >= 1_000 ? `  (after ${(step.waitedMs / 1000).toFixed(0)} s waiting for a quiet machine)` : '') +
    (step.closedMembers ? `  ${step.closedMembers} closed` : '') +
    (generatorLimited(step) ? "  (the load generator's timer ran late)" : '')
  )
}
