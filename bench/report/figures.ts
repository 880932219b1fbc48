// Everything one run measured, and the rows of the summary: each figure for Parley, the
// ceiling (the bare baseline) and the Socket.IO peer, Parley's ratio to the ceiling, and the
// target it is held to. A phase adds its figure to RunFigures and its rows to `sections`.

import type { BadInputFigure } from '../phases/bad-input.ts'
import type { BigRoomFigure } from '../phases/big-room.ts'
import type { ClusterFigure } from '../phases/cluster.ts'
import type { FilesFigure } from '../phases/files.ts'
import type { FirstVisitFigure } from '../phases/first-visit.ts'
import type { FixedRateFigures } from '../phases/fixed-rate.ts'
import type { MemoryFigure } from '../phases/idle-memory.ts'
import type { JoinFigure } from '../phases/join-latency.ts'
import type { SearchFigure } from '../phases/search.ts'
import type { IndexingCostFigure } from '../phases/search-indexing-cost.ts'
import type { StorageFigure } from '../phases/storage-throughput.ts'
import type { ServerKind } from '../servers/start-servers.ts'
import { bigRoomRows } from './big-room-rows.ts'
import {
  bestRate,
  boundedRatio,
  fixedRateRows,
  generatorRows,
  judgedKnees,
  type Knees,
  kneeRows,
  latencies,
  shareVerdict,
} from './delivery-rows.ts'
import { filesRows } from './files-rows.ts'
import { firstVisitRows } from './first-visit-rows.ts'
import { fmtRatio, int, ms, pct, ratioOf, verdict } from './format.ts'
import { blank, type Row } from './row.ts'
import { searchRows } from './search-rows.ts'

/** What every phase returned, put together by main.ts; written whole to the results file. */
export interface RunFigures {
  /** The knee of every room shape on every server. */
  deliveries: Knees
  /** One step at fixed rates on every server. */
  fixedRate: FixedRateFigures | undefined
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
  /** Bytes on the wire before the join screen, per Accept-Encoding. */
  firstVisit: FirstVisitFigure | undefined
  /** Upload and download MB/s, server RSS during uploads at once, and a photo stored, on SQLite and PostgreSQL. */
  files: FilesFigure | undefined
  /** Figures that could not be measured, and why. */
  errors: string[]
}

export type { Row } from './row.ts'

const MAX_IDLE_BYTES_PER_CONNECTION = 5 * 1024
const MAX_JOIN_P99_MS = 20
const MAX_BAD_INPUT_DROP = 0.1
/** One instance on PostgreSQL and Redis, as a share of the SQLite knee on the same rooms. */
const MIN_SCALE_OUT_SHARE = 0.5

/**
 * One instance on PostgreSQL and Redis held to a share of Parley's SQLite knee on the same
 * shape; two instances (the price of the Redis hop) as a plain row.
 */
function clusterRows(cluster: ClusterFigure, knees: Knees): Row[] {
  const { one, two, shape } = cluster
  const rooms = `${shape.rooms} rooms of ${shape.members}`
  const sqlite = knees.parley.find((figure) => figure.members === shape.members)
  const there = (figure: typeof one) => `${latencies(figure)}; ${ms(figure?.cpuSecondsPerMillion)}`
  return [
    {
      ...blank,
      figure: `scale-out knee, ${rooms}, 1 instance, PG + Redis (ratio ÷ SQLite)`,
      parley: bestRate(one),
      baseline: bestRate(sqlite),
      ratio: boundedRatio(one, sqlite),
      target: `≥ ${MIN_SCALE_OUT_SHARE} × SQLite`,
      result: shareVerdict(one, sqlite, MIN_SCALE_OUT_SHARE),
    },
    { ...blank, figure: '  p50 / p99 ms there; CPU µs per delivery', parley: there(one) },
    {
      ...blank,
      figure: `  2 instances, both on CPU 0 (ratio ÷ 1 instance)`,
      parley: bestRate(two),
      ratio: boundedRatio(two, one),
    },
    { ...blank, figure: '    p50 / p99 ms there; CPU µs (both) per delivery', parley: there(two) },
  ]
}

function memoryRows(memory: RunFigures['memory']): Row[] {
  const perConnection = memory.parley?.bytesPerConnection
  return [
    {
      figure: `bytes RSS per idle joined connection (${int(memory.parley?.connections)} open)`,
      parley: int(perConnection),
      baseline: int(memory.baseline?.bytesPerConnection),
      socketio: int(memory.socketio?.bytesPerConnection),
      ratio: fmtRatio(ratioOf(perConnection, memory.baseline?.bytesPerConnection)),
      target: `≤ ${int(MAX_IDLE_BYTES_PER_CONNECTION)}`,
      result: verdict(perConnection === undefined ? undefined : perConnection <= MAX_IDLE_BYTES_PER_CONNECTION),
    },
  ]
}

function joinRows(joins: RunFigures['joins']): Row[] {
  return [
    {
      figure: `join p99 ms at ${joins.parley?.joinsPerSecond ?? 100} joins/s`,
      parley: ms(joins.parley?.p99Ms),
      baseline: ms(joins.baseline?.p99Ms),
      socketio: ms(joins.socketio?.p99Ms),
      ratio: fmtRatio(ratioOf(joins.parley?.p99Ms, joins.baseline?.p99Ms)),
      target: `≤ ${MAX_JOIN_P99_MS} ms`,
      result: verdict(joins.parley && joins.parley.joined > 0 ? joins.parley.p99Ms <= MAX_JOIN_P99_MS : undefined),
    },
  ]
}

function badInputRows(bad: BadInputFigure | undefined): Row[] {
  const out: Row[] = [
    {
      figure: `deliveries/s, rooms of 32, with bad input (${bad?.framesPerSecond ?? '–'} frames/s)`,
      parley: bad ? `${int(bad.with.deliveriesPerSecond)} (${int(bad.without.deliveriesPerSecond)} without)` : '–',
      baseline: '',
      ratio: bad ? `${(bad.drop * 100).toFixed(1)}% drop` : '',
      target: `< ${MAX_BAD_INPUT_DROP * 100}% drop, health 200`,
      result: verdict(bad ? bad.drop < MAX_BAD_INPUT_DROP && bad.health === 200 : undefined),
    },
  ]
  if (bad) {
    out.push({
      ...blank,
      figure: '  p99 ms without / with, /api/health after',
      parley: `${ms(bad.without.p99Ms)} / ${ms(bad.with.p99Ms)}, ${bad.health}`,
    })
  }
  return out
}

/** Stored messages/s on each store (reported, no target), and the mixed workload beside them. */
function storageRows(storage: StorageFigure | undefined): Row[] {
  const memory = storage?.best.memory
  const row = (label: string, plain: number | undefined, mixed: number | undefined): Row => ({
    ...blank,
    figure: `  ${label}`,
    parley: int(plain),
    ratio: fmtRatio(ratioOf(plain, memory)),
    target: `mixed: ${int(mixed)}/s`,
  })
  return [
    {
      ...blank,
      figure: 'stored messages/s (ratio ÷ memory:; mixed: 10% edits, 20% reactions)',
    },
    row('SQLite', storage?.best.sqlite, storage?.bestMixed.sqlite),
    row('PostgreSQL', storage?.best.postgres, storage?.bestMixed.postgres),
    row('memory: (nothing stored)', memory, storage?.bestMixed.memory),
  ]
}

/** Other processes' mean share of the server and load CPUs during each server's ramps. */
function noiseRows(knees: Knees): Row[] {
  const noise = (kind: ServerKind) => {
    const steps = knees[kind].flatMap((figure) => figure.steps)
    if (steps.length === 0) return '–'
    const mean = (pick: (step: (typeof steps)[number]) => number) =>
      pct(steps.reduce((sum, step) => sum + (Number.isNaN(pick(step)) ? 0 : pick(step)), 0) / steps.length)
    return `${mean((step) => step.othersOnServerCpu)} / ${mean((step) => step.othersOnLoadCpu)}`
  }
  return [
    {
      ...blank,
      figure: "other processes' share of server / load CPU in ramps",
      parley: noise('parley'),
      baseline: noise('baseline'),
      socketio: noise('socketio'),
    },
  ]
}

/** The table's sections, in order: a phase's rows go in as one more entry. */
const sections: ((figures: RunFigures) => Row[])[] = [
  (f) => kneeRows(f.deliveries),
  (f) => (f.fixedRate ? fixedRateRows(f.fixedRate) : []),
  (f) => memoryRows(f.memory),
  (f) => bigRoomRows(f.bigRoom),
  (f) => storageRows(f.storage),
  (f) => (f.cluster ? clusterRows(f.cluster, f.deliveries) : []),
  (f) => joinRows(f.joins),
  (f) => badInputRows(f.badInput),
  (f) => searchRows(f.search, f.searchIndexing),
  (f) => firstVisitRows(f.firstVisit),
  (f) => filesRows(f.files),
  (f) => generatorRows(f.deliveries),
  (f) => noiseRows(f.deliveries),
]

export function rows(measured: RunFigures): Row[] {
  const figures = { ...measured, deliveries: judgedKnees(measured.deliveries) }
  return sections.flatMap((section) => section(figures))
}
