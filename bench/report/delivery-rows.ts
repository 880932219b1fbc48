// The load rows of the summary: the knee for each room shape on every server, the figures at
// fixed rates, and how far the load generator itself reaches. Each is held to its target
// against the ceiling (the bare baseline) or the Socket.IO peer measured in the same run.
import { config } from '../config.ts'
import { type DeliveryFigure, generatorReach, withinReach } from '../load/ramp-shape.ts'
import type { FixedRateFigure, FixedRateFigures } from '../phases/fixed-rate.ts'
import type { ServerKind } from '../servers/start-servers.ts'
import { fmtRatio, int, ms, pct, ratioOf, verdict } from './format.ts'
import { blank, type Row } from './row.ts'

/** The knee Parley must reach, as a share of the ceiling's, per room size. */
const kneeTargets: Record<number, number> = { 32: 0.8, 2: 0.5 }
/** CPU per delivery at config.fixedRate, at most this many times the ceiling's… */
const MAX_CPU_VS_CEILING = 1.25
/** …and the p99 there. */
const MAX_FIXED_P99_MS = 10
/** Send → delivery at light load. */
const MAX_LIGHT_P50_MS = 2
const MAX_LIGHT_P99_MS = 10

export type Knees = Record<ServerKind, DeliveryFigure[]>

/** The server may do more than the figure: the load generator was the limit, or the ramp ran out of steps. */
export const atLeast = (figure: DeliveryFigure | undefined) =>
  Boolean(figure?.best && (figure.loadBound || figure.capped))

const kneeOf = (figure: DeliveryFigure | undefined) => figure?.best?.deliveriesPerSecond

/** The knee ("≥" when the load generator was the limit), or, when no step passed, "< the slowest rate tried". */
export function bestRate(figure: DeliveryFigure | undefined): string {
  if (!figure) return '–'
  const noisy = figure.noisy ? ' ?' : ''
  if (figure.best) return `${atLeast(figure) ? '≥ ' : ''}${int(figure.best.deliveriesPerSecond)}${noisy}`
  const slowest = Math.min(...figure.steps.map((step) => step.deliveriesPerSecond))
  return Number.isFinite(slowest) ? `< ${int(slowest)}${noisy}` : '–'
}

/** p50 / p99 at the knee, or at the slowest rate tried when none passed. */
export function latencies(figure: DeliveryFigure | undefined): string {
  const step = figure?.best ?? figure?.steps.reduce((a, b) => (a.deliveriesPerSecond <= b.deliveriesPerSecond ? a : b))
  return step ? `${ms(step.p50Ms)} / ${ms(step.p99Ms)}` : '–'
}

/** A ratio of two knees, either of which may be only a lower bound. */
export function boundedRatio(a: DeliveryFigure | undefined, b: DeliveryFigure | undefined): string {
  const ratio = ratioOf(kneeOf(a), kneeOf(b))
  if (ratio === undefined) return '–'
  const prefix = atLeast(a) ? (atLeast(b) ? '? ' : '≥ ') : atLeast(b) ? '≤ ' : ''
  return `${prefix}${fmtRatio(ratio)}`
}

/**
 * a's knee held to `share` of b's: sound only when the bounds point the same way as the
 * verdict, and when neither was decided by steps that shared our CPUs with other work. A knee
 * with no passing step counts as 0 (a server that passed nothing is behind).
 */
export function shareVerdict(
  a: DeliveryFigure | undefined,
  b: DeliveryFigure | undefined,
  share: number,
): Row['result'] {
  if (!a || !b) return verdict(undefined)
  if (a.noisy || b.noisy) return 'inconclusive'
  const knee = kneeOf(a) ?? 0
  const other = kneeOf(b) ?? 0
  if (other === 0) return verdict(knee > 0)
  const ratio = knee / other
  if (ratio >= share) return atLeast(b) ? 'inconclusive' : 'PASS'
  return atLeast(a) ? 'inconclusive' : 'FAIL'
}

/**
 * The knees as the table reads them: a knee is bound by the load generator only at a rate the
 * generator did not carry on time for any server in the same rooms. A late timer at a rate it
 * carried for another server came from how this one delivered (bursts are read in bursts).
 */
export function judgedKnees(knees: Knees): Knees {
  const all = Object.values(knees).flat()
  const judged = (figure: DeliveryFigure): DeliveryFigure => {
    if (!figure.loadBound) return figure
    const reach = generatorReach(all.filter((f) => f.members === figure.members).flatMap((f) => f.steps))
    return withinReach(figure, reach) ? { ...figure, loadBound: false } : figure
  }
  return {
    baseline: knees.baseline.map(judged),
    parley: knees.parley.map(judged),
    parleyMemory: knees.parleyMemory.map(judged),
    socketio: knees.socketio.map(judged),
  }
}

/** The knee rows of every room shape. */
export function kneeRows(knees: Knees): Row[] {
  const out: Row[] = []
  for (const parley of knees.parley) {
    const same = (f: DeliveryFigure) => f.members === parley.members
    const baseline = knees.baseline.find(same)
    const socketio = knees.socketio.find(same)
    const memory = knees.parleyMemory.find(same)
    const share = kneeTargets[parley.members]
    out.push({
      figure: `knee: deliveries/s at p99 ≤ ${config.kneeP99Ms} ms, ${parley.rooms} rooms of ${parley.members}`,
      parley: bestRate(parley),
      baseline: bestRate(baseline),
      socketio: bestRate(socketio),
      ratio: boundedRatio(parley, baseline),
      target: share === undefined ? '' : `≥ ${share} × ceiling`,
      result: share === undefined ? '' : shareVerdict(parley, baseline, share),
    })
    out.push({
      ...blank,
      figure: '  p50 / p99 ms at the knee',
      parley: latencies(parley),
      baseline: latencies(baseline),
      socketio: latencies(socketio),
    })
    out.push({
      ...blank,
      figure: '  Parley ahead of Socket.IO (ratio ÷ Socket.IO)',
      ratio: boundedRatio(parley, socketio),
      target: '> Socket.IO',
      result: socketio ? shareVerdict(parley, socketio, 1.000_001) : verdict(undefined),
    })
    out.push({
      ...blank,
      figure: '  server CPU µs per delivery at the knee',
      parley: ms(parley.cpuSecondsPerMillion),
      baseline: ms(baseline?.cpuSecondsPerMillion),
      socketio: ms(socketio?.cpuSecondsPerMillion),
      ratio: fmtRatio(ratioOf(parley.cpuSecondsPerMillion, baseline?.cpuSecondsPerMillion)),
    })
    const writes = parley.storageWrites
    if (writes) {
      out.push({
        ...blank,
        figure: '  storage writes slower than 5 / 10 ms',
        parley: `${pct(writes.over5ms)} / ${pct(writes.over10ms)}`,
      })
    }
    if (memory) {
      out.push({
        ...blank,
        figure: '  Parley with memory: storage, knee',
        parley: bestRate(memory),
        baseline: bestRate(baseline),
        ratio: boundedRatio(memory, baseline),
      })
      out.push({
        ...blank,
        figure: '    p50 / p99 ms there; CPU µs per delivery',
        parley: `${latencies(memory)}; ${ms(memory.cpuSecondsPerMillion)}`,
      })
    }
  }
  return out
}

type FixedByKind = Partial<Record<ServerKind, FixedRateFigure>>

/**
 * Whether the load generator was the limit at a fixed rate: its timer ran late on the
 * ceiling's step (the others' late timers may be their own bursts), or on this one's when the
 * ceiling has no step.
 */
const generatorBound = (byKind: FixedByKind, figure: FixedRateFigure) => (byKind.baseline ?? figure).generatorLimited

/** A fixed step's figure, with its delivered share when less than all arrived, and a mark when the load generator was the limit. */
function fixedCell(
  byKind: FixedByKind,
  figure: FixedRateFigure | undefined,
  pick: (figure: FixedRateFigure) => number,
): string {
  if (!figure) return '–'
  const short = figure.step.deliveredShare < 0.95 ? ` (${pct(figure.step.deliveredShare)} arrived)` : ''
  return `${ms(pick(figure))}${short}${generatorBound(byKind, figure) ? ' (load)' : ''}${figure.disturbed ? ' ?' : ''}`
}

/**
 * Held to a limit. Inconclusive when the load generator, not the server, was the limit, or
 * when a failure came while other work shared our CPUs; otherwise FAIL when Parley did not
 * deliver or missed the limit.
 */
function limitVerdict(byKind: FixedByKind, figure: FixedRateFigure | undefined, within: boolean): Row['result'] {
  if (!figure) return 'FAIL'
  if (generatorBound(byKind, figure)) return 'inconclusive'
  const ok = within && figure.step.deliveredShare >= 0.95
  if (!ok && figure.disturbed) return 'inconclusive'
  return verdict(ok)
}

function fixedRow(
  figure: string,
  byKind: FixedByKind,
  pick: (figure: FixedRateFigure) => number,
  extra: Pick<Row, 'ratio' | 'target' | 'result'>,
): Row {
  return {
    figure,
    parley: fixedCell(byKind, byKind.parley, pick),
    baseline: fixedCell(byKind, byKind.baseline, pick),
    socketio: fixedCell(byKind, byKind.socketio, pick),
    ...extra,
  }
}

const cpuOf = (figure: FixedRateFigure) => figure.cpuMicrosPerDelivery
const p50Of = (figure: FixedRateFigure) => figure.step.p50Ms
const p99Of = (figure: FixedRateFigure) => figure.step.p99Ms

/** CPU and p99 at config.fixedRate, p50 and p99 at light load, each against its target. */
export function fixedRateRows({ heavy, light }: FixedRateFigures): Row[] {
  const { fixedRate, lightLoad } = config
  const at = `${int(fixedRate.deliveriesPerSecond)} deliveries/s (${fixedRate.shape.rooms} rooms of ${fixedRate.shape.members})`
  const cpuRatio = ratioOf(heavy.parley?.cpuMicrosPerDelivery, heavy.baseline?.cpuMicrosPerDelivery)
  const parleyP99 = heavy.parley?.step.p99Ms ?? Number.NaN
  const lightAt = `${int(lightLoad.messagesPerSecond)} messages/s (${lightLoad.shape.rooms} rooms of ${lightLoad.shape.members})`
  const lightP50 = light.parley?.step.p50Ms ?? Number.NaN
  const lightP99 = light.parley?.step.p99Ms ?? Number.NaN
  const memory = (byKind: FixedByKind) =>
    byKind.parleyMemory
      ? [
          {
            ...blank,
            figure: '  Parley with memory: storage, CPU µs; p50 / p99 ms',
            parley: `${ms(byKind.parleyMemory.cpuMicrosPerDelivery)}; ${ms(byKind.parleyMemory.step.p50Ms)} / ${ms(byKind.parleyMemory.step.p99Ms)}`,
          },
        ]
      : []
  return [
    fixedRow(`CPU µs per delivery at ${at}`, heavy, cpuOf, {
      ratio: fmtRatio(cpuRatio),
      target: `≤ ${MAX_CPU_VS_CEILING} × ceiling`,
      result:
        heavy.baseline?.disturbed && !heavy.parley?.disturbed
          ? 'inconclusive'
          : limitVerdict(heavy, heavy.parley, cpuRatio !== undefined && cpuRatio <= MAX_CPU_VS_CEILING),
    }),
    fixedRow(`  p99 ms there`, heavy, p99Of, {
      ratio: '',
      target: `≤ ${MAX_FIXED_P99_MS} ms`,
      result: limitVerdict(heavy, heavy.parley, parleyP99 <= MAX_FIXED_P99_MS),
    }),
    fixedRow(`  p50 ms there`, heavy, p50Of, { ratio: '', target: '', result: '' }),
    ...memory(heavy),
    fixedRow(`light load, ${lightAt}: p50 ms`, light, p50Of, {
      ratio: '',
      target: `≤ ${MAX_LIGHT_P50_MS} ms`,
      result: limitVerdict(light, light.parley, lightP50 <= MAX_LIGHT_P50_MS),
    }),
    fixedRow(`  p99 ms there`, light, p99Of, {
      ratio: '',
      target: `≤ ${MAX_LIGHT_P99_MS} ms`,
      result: limitVerdict(light, light.parley, lightP99 <= MAX_LIGHT_P99_MS),
    }),
    ...memory(light),
  ]
}

/** How far the load generator was seen to go in a room shape, on any server, and in which step. */
function generatorReachIn(knees: Knees, members: number): { reach: number; from: string } | undefined {
  const steps = Object.entries(knees).flatMap(([kind, figures]) =>
    (figures.find((figure) => figure.members === members)?.steps ?? []).map((step) => ({ kind, step })),
  )
  const fastest = generatorReach(steps.map(({ step }) => step))
  const kind = steps.find(({ step }) => step === fastest)?.kind
  if (!fastest || !kind) return undefined
  const lag = `timer p99 ${fastest.loadLagP99Ms.toFixed(1)} ms late`
  return { reach: fastest.deliveriesPerSecond, from: `${kind}, ${Math.round(fastest.loadCpuShare * 100)}% CPU, ${lag}` }
}

/** Per room shape, the load generator's reach next to the ceiling's knee: a ratio figure is sound only below it. */
export function generatorRows(knees: Knees): Row[] {
  return knees.baseline.flatMap((ceiling) => {
    const reach = generatorReachIn(knees, ceiling.members)
    const share = ratioOf(kneeOf(ceiling), reach?.reach)
    return [
      {
        ...blank,
        figure: `load generator on time up to, ${ceiling.rooms} rooms of ${ceiling.members}: deliveries/s`,
        parley: reach ? `≥ ${int(reach.reach)}` : '–',
        baseline: bestRate(ceiling),
        ratio: share === undefined ? '–' : fmtRatio(share),
      },
      ...(reach ? [{ ...blank, figure: '  in the step', parley: reach.from }] : []),
    ]
  })
}
