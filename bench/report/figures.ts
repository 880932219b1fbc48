// Everything one run measured, and the rows of the summary: each figure for Parley and the
// baseline, their ratio, and the target it is held to.

import type { DeliveryFigure } from '../load/ramp-shape.ts'
import type { BadInputFigure } from '../phases/bad-input.ts'
import type { BigRoomFigure } from '../phases/big-room.ts'
import type { ClusterFigure } from '../phases/cluster.ts'
import type { MemoryFigure } from '../phases/idle-memory.ts'
import type { JoinFigure } from '../phases/join-latency.ts'
import type { SearchFigure } from '../phases/search.ts'
import type { IndexingCostFigure } from '../phases/search-indexing-cost.ts'
import type { StorageFigure } from '../phases/storage-throughput.ts'
import type { ServerKind } from '../servers/start-servers.ts'
import type { Row } from './row.ts'
import { searchRows } from './search-rows.ts'

/** What every phase returned, put together by main.ts; written whole to the results file. */
export interface RunFigures {
  deliveries: Record<ServerKind, DeliveryFigure[]>
  joins: Partial<Record<ServerKind, JoinFigure>>
  memory: Partial<Record<ServerKind, MemoryFigure>>
  /** One room of thousands joining at once, then one message to all. */
  bigRoom: BigRoomFigure | undefined
  badInput: BadInputFigure | undefined
  /** Parley on PostgreSQL and Redis, one instance and two (unless BENCH_CLUSTER=0). */
  cluster: ClusterFigure | undefined
  storage: StorageFigure | undefined
  /** Search over a seeded history, SQLite and PostgreSQL (unless BENCH_SEARCH=0). */
  search: SearchFigure | undefined
  /** Stored messages/s with search on and off (unless BENCH_SEARCH=0). */
  searchIndexing: IndexingCostFigure | undefined
  /** Figures that could not be measured, and why. */
  errors: string[]
}

export type { Row } from './row.ts'

const int = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en-US')
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(2))
const ratioOf = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) || b === 0 ? undefined : a / b
const fmtRatio = (r: number | undefined) => (r === undefined ? '–' : r.toFixed(2))
const verdict = (ok: boolean | undefined): Row['result'] => (ok === undefined ? 'FAIL' : ok ? 'pass' : 'FAIL')

/** Targets on this machine: the share of the baseline's deliveries/s Parley must reach, per room size. */
const deliveryTargets: Record<number, number> = { 32: 0.8, 2: 0.6 }
const MAX_IDLE_BYTES_PER_CONNECTION = 10 * 1024
const MAX_JOIN_P99_MS = 20
const MAX_BAD_INPUT_DROP = 0.1
const MAX_BIG_ROOM_SETTLE_SECONDS = 15
const MAX_BIG_ROOM_MESSAGE_P99_MS = 100
/** A join's bytes to each member: one push to each other member and one name in the joiner's list, not a list each. */
const MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER = 100

/** The best passing rate ("≥" when the load generator was the limit), or, when none passed, "< the slowest rate tried". */
function bestRate(figure: DeliveryFigure | undefined): string {
  if (!figure) return '–'
  const noisy = figure.noisy ? ' ?' : ''
  if (figure.best) return `${atLeast(figure) ? '≥ ' : ''}${int(figure.best.deliveriesPerSecond)}${noisy}`
  const slowest = Math.min(...figure.steps.map((step) => step.deliveriesPerSecond))
  return Number.isFinite(slowest) ? `< ${int(slowest)}${noisy}` : '–'
}

/** p50 / p99 at the best rate, or at the slowest rate tried when none passed. */
function latencies(figure: DeliveryFigure | undefined): string {
  const step = figure?.best ?? figure?.steps.reduce((a, b) => (a.deliveriesPerSecond <= b.deliveriesPerSecond ? a : b))
  return step ? `${ms(step.p50Ms)} / ${ms(step.p99Ms)}` : '–'
}

/** The server may do more than the figure: the load generator was the limit, or the ramp ran out of steps. */
const atLeast = (figure: DeliveryFigure | undefined) => Boolean(figure?.best && (figure.loadBound || figure.capped))

/** A ratio of two figures, one of which may be only a lower bound. */
function boundedRatio(
  ratio: number | undefined,
  parley: DeliveryFigure | undefined,
  baseline: DeliveryFigure | undefined,
) {
  if (ratio === undefined) return '–'
  const prefix = atLeast(parley) ? (atLeast(baseline) ? '? ' : '≥ ') : atLeast(baseline) ? '≤ ' : ''
  return `${prefix}${fmtRatio(ratio)}`
}

/** Held to `share` of the baseline: sound only when the bounds point the same way as the verdict. */
function shareVerdict(ratio: number | undefined, share: number, parley: DeliveryFigure, baseline?: DeliveryFigure) {
  if (ratio === undefined) return verdict(undefined)
  if (ratio >= share) return atLeast(baseline) ? 'inconclusive' : 'pass'
  return atLeast(parley) ? 'inconclusive' : 'FAIL'
}

const blank = { baseline: '', ratio: '', target: '', result: '' } as const

function deliveryRows(figures: RunFigures): Row[] {
  const out: Row[] = []
  for (const parley of figures.deliveries.parley) {
    const same = (f: DeliveryFigure) => f.members === parley.members
    const baseline = figures.deliveries.baseline.find(same)
    const memory = figures.deliveries.parleyMemory.find(same)
    const ratio = ratioOf(parley.best?.deliveriesPerSecond, baseline?.best?.deliveriesPerSecond)
    const share = deliveryTargets[parley.members]
    out.push({
      figure: `deliveries/s at p99 ≤ 10 ms, ${parley.rooms} rooms of ${parley.members}`,
      parley: bestRate(parley),
      baseline: bestRate(baseline),
      ratio: boundedRatio(ratio, parley, baseline),
      target: share === undefined ? '' : `≥ ${share} × baseline`,
      result: share === undefined ? '' : shareVerdict(ratio, share, parley, baseline),
    })
    out.push({ ...blank, figure: '  p50 / p99 ms there', parley: latencies(parley), baseline: latencies(baseline) })
    out.push({
      ...blank,
      figure: '  server CPU s per million deliveries',
      parley: ms(parley.cpuSecondsPerMillion),
      baseline: ms(baseline?.cpuSecondsPerMillion),
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
        figure: '  Parley with memory: storage, deliveries/s',
        parley: bestRate(memory),
        baseline: bestRate(baseline),
        ratio: boundedRatio(
          ratioOf(memory.best?.deliveriesPerSecond, baseline?.best?.deliveriesPerSecond),
          memory,
          baseline,
        ),
      })
      out.push({
        ...blank,
        figure: '    p50 / p99 ms there; CPU s per million',
        parley: `${latencies(memory)}; ${ms(memory.cpuSecondsPerMillion)}`,
      })
    }
  }
  return out
}

/** One instance on PostgreSQL and Redis, then two: the ratio is two ÷ one. No target: a report. */
function clusterRows(cluster: ClusterFigure): Row[] {
  const { one, two, shape } = cluster
  const rooms = `${shape.rooms} rooms of ${shape.members}`
  const there = (figure: DeliveryFigure | undefined) => `${latencies(figure)}; ${ms(figure?.cpuSecondsPerMillion)}`
  return [
    { ...blank, figure: `deliveries/s at p99 ≤ 10 ms, ${rooms}, 1 instance (PG+Redis)`, parley: bestRate(one) },
    { ...blank, figure: '  p50 / p99 ms there; CPU s per million', parley: there(one) },
    {
      ...blank,
      figure: `deliveries/s at p99 ≤ 10 ms, ${rooms}, 2 instances on Redis`,
      parley: bestRate(two),
      ratio: boundedRatio(ratioOf(two?.best?.deliveriesPerSecond, one?.best?.deliveriesPerSecond), two, one),
    },
    { ...blank, figure: '  p50 / p99 ms there; CPU s (both) per million', parley: there(two) },
  ]
}

/** The big room: settling, one message to all, and what the joins cost. Parley only. */
function bigRoomRows(room: BigRoomFigure | undefined): Row[] {
  const perMember = room ? room.bytesPerJoin / room.members : undefined
  return [
    {
      ...blank,
      figure: `room of ${int(room?.members)}, joined over ${room?.joinSeconds ?? '–'} s: s until every list is right`,
      parley: room ? `${ms(room.settleSeconds)} (${int(room.correct)} right)` : '–',
      target: `≤ ${MAX_BIG_ROOM_SETTLE_SECONDS} s`,
      result: verdict(room ? room.settleSeconds <= MAX_BIG_ROOM_SETTLE_SECONDS : undefined),
    },
    {
      ...blank,
      figure: `  one message to all: p50 / p99 ms (${int(room?.delivered)} reached)`,
      parley: room ? `${ms(room.p50Ms)} / ${ms(room.p99Ms)}` : '–',
      target: `p99 ≤ ${MAX_BIG_ROOM_MESSAGE_P99_MS} ms`,
      result: verdict(room ? room.delivered === room.members && room.p99Ms <= MAX_BIG_ROOM_MESSAGE_P99_MS : undefined),
    },
    {
      ...blank,
      figure: '  bytes per join: to all, in its answer, per member',
      parley: room ? `${int(room.bytesPerJoin)}, ${int(room.answerBytesPerJoin)}, ${ms(perMember)}` : '–',
      target: `≤ ${MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER} per member`,
      result: verdict(perMember === undefined ? undefined : perMember <= MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER),
    },
    { ...blank, figure: '  server CPU s for the joins', parley: ms(room?.serverCpuSeconds) },
  ]
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

export function rows(figures: RunFigures): Row[] {
  const out = deliveryRows(figures)
  if (figures.cluster) out.push(...clusterRows(figures.cluster))
  const joins = figures.joins
  out.push({
    figure: `join p99 ms at ${joins.parley?.joinsPerSecond ?? 100} joins/s`,
    parley: ms(joins.parley?.p99Ms),
    baseline: ms(joins.baseline?.p99Ms),
    ratio: fmtRatio(ratioOf(joins.parley?.p99Ms, joins.baseline?.p99Ms)),
    target: `≤ ${MAX_JOIN_P99_MS} ms`,
    result: verdict(joins.parley && joins.parley.joined > 0 ? joins.parley.p99Ms <= MAX_JOIN_P99_MS : undefined),
  })
  const memory = figures.memory
  const perConnection = memory.parley?.bytesPerConnection
  out.push({
    figure: `bytes RSS per idle connection (${int(memory.parley?.connections)} open)`,
    parley: int(perConnection),
    baseline: int(memory.baseline?.bytesPerConnection),
    ratio: fmtRatio(ratioOf(perConnection, memory.baseline?.bytesPerConnection)),
    target: `≤ ${int(MAX_IDLE_BYTES_PER_CONNECTION)}`,
    result: verdict(perConnection === undefined ? undefined : perConnection <= MAX_IDLE_BYTES_PER_CONNECTION),
  })
  out.push(...bigRoomRows(figures.bigRoom))
  const bad = figures.badInput
  out.push({
    figure: `deliveries/s, rooms of 32, with bad input (${bad?.framesPerSecond ?? '–'} frames/s)`,
    parley: bad ? `${int(bad.with.deliveriesPerSecond)} (${int(bad.without.deliveriesPerSecond)} without)` : '–',
    baseline: '',
    ratio: bad ? `${(bad.drop * 100).toFixed(1)}% drop` : '',
    target: `< ${MAX_BAD_INPUT_DROP * 100}% drop, health 200`,
    result: verdict(bad ? bad.drop < MAX_BAD_INPUT_DROP && bad.health === 200 : undefined),
  })
  if (bad) {
    out.push({
      figure: '  p99 ms without / with, /api/health after',
      parley: `${ms(bad.without.p99Ms)} / ${ms(bad.with.p99Ms)}, ${bad.health}`,
      baseline: '',
      ratio: '',
      target: '',
      result: '',
    })
  }
  const noise = (kind: ServerKind) => {
    const steps = figures.deliveries[kind].flatMap((figure) => figure.steps)
    if (steps.length === 0) return '–'
    const mean = (pick: (step: (typeof steps)[number]) => number) =>
      pct(steps.reduce((sum, step) => sum + (Number.isNaN(pick(step)) ? 0 : pick(step)), 0) / steps.length)
    return `${mean((step) => step.othersOnServerCpu)} / ${mean((step) => step.othersOnLoadCpu)}`
  }
  out.push({
    ...blank,
    figure: "other processes' share of server / load CPU in ramps",
    parley: noise('parley'),
    baseline: noise('baseline'),
  })
  const storage = figures.storage
  out.push({
    figure: `stored messages/s, SQLite (vs memory: as the baseline)`,
    parley: int(storage?.best.sqlite),
    baseline: int(storage?.best.memory),
    ratio: fmtRatio(ratioOf(storage?.best.sqlite, storage?.best.memory)),
    target: '',
    result: '',
  })
  out.push({
    figure: `stored writes/s, mixed: 10% edits, 20% reactions (SQLite vs memory:)`,
    parley: int(storage?.bestMixed.sqlite),
    baseline: int(storage?.bestMixed.memory),
    ratio: fmtRatio(ratioOf(storage?.bestMixed.sqlite, storage?.bestMixed.memory)),
    target: '',
    result: '',
  })
  out.push({
    figure: `  mixed vs plain messages, SQLite (ratio)`,
    parley: int(storage?.bestMixed.sqlite),
    baseline: int(storage?.best.sqlite),
    ratio: fmtRatio(ratioOf(storage?.bestMixed.sqlite, storage?.best.sqlite)),
    target: '',
    result: '',
  })
  out.push(...searchRows(figures.search, figures.searchIndexing))
  return out
}
