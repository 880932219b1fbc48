// The search rows of the summary: latencies per kind of search on SQLite (the parley column)
// and PostgreSQL (the baseline column), how the index was built, and what indexing costs the
// send path.
import type { SearchEngineFigure, SearchFigure } from '../phases/search.ts'
import type { IndexingCostFigure } from '../phases/search-indexing-cost.ts'
import type { SearchKind } from '../search/search-queries.ts'
import type { Row } from './row.ts'
import { percentiles } from './stats.ts'

/** A word query's p99 on SQLite, for the kinds held to it. */
const MAX_WORD_P99_MS = 50
const wordKinds: readonly SearchKind[] = ['commonWord', 'rareWord']
/** Stored messages/s with search on, as a share of SEARCH=off. */
const MIN_INDEXING_RATIO = 0.8

const blank = { baseline: '', ratio: '', target: '', result: '' } as const
const int = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US')
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(2))
const seconds = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(n < 10 ? 1 : 0)} s`)

/** p50 / p99 of one kind, with the number of searches when the time budget cut it short. */
function latencyOf(engine: SearchEngineFigure | undefined, kind: SearchKind): string {
  const latency = engine?.latencies.find((l) => l.kind === kind)
  if (!latency) return '–'
  const most = Math.max(...(engine?.latencies.map((l) => l.queries) ?? []))
  const short = latency.queries < most ? ` (${latency.queries})` : ''
  return `${ms(latency.p50Ms)} / ${ms(latency.p99Ms)}${short}`
}

export function searchRows(search: SearchFigure | undefined, cost: IndexingCostFigure | undefined): Row[] {
  const out: Row[] = []
  if (search) {
    const { sqlite, postgres } = search
    out.push({
      ...blank,
      figure: `search, ${int(search.messages)} messages in ${search.rooms} rooms: p50 / p99 ms`,
      parley: 'SQLite',
      baseline: 'PostgreSQL',
    })
    const kinds = (sqlite ?? postgres)?.latencies ?? []
    for (const { kind, label } of kinds) {
      const p99 = sqlite?.latencies.find((l) => l.kind === kind)?.p99Ms
      const held = wordKinds.includes(kind)
      out.push({
        ...blank,
        figure: `  ${label}`,
        parley: latencyOf(sqlite, kind),
        baseline: latencyOf(postgres, kind),
        target: held ? `p99 ≤ ${MAX_WORD_P99_MS} ms (SQLite)` : '',
        result: held
          ? p99 === undefined || Number.isNaN(p99)
            ? 'FAIL'
            : p99 <= MAX_WORD_P99_MS
              ? 'PASS'
              : 'FAIL'
          : '',
      })
    }
    const indexing = sqlite?.indexing
    out.push({
      ...blank,
      figure: '  rows seeded; SQLite: indexed by Parley (messages/s)',
      parley: `${seconds(sqlite?.seedSeconds)}; ${seconds(indexing?.seconds)} (${int(indexing?.messagesPerSecond)}/s)`,
      baseline: `${seconds(postgres?.seedSeconds)} (indexed)`,
    })
  }
  if (cost) {
    out.push({
      figure: 'stored messages/s, SQLite, search on (vs SEARCH=off as the baseline)',
      parley: int(cost.best.on),
      baseline: int(cost.best.off),
      ratio: cost.ratio.toFixed(2),
      target: `≥ ${MIN_INDEXING_RATIO} × off`,
      result: cost.ratio >= MIN_INDEXING_RATIO ? 'PASS' : 'FAIL',
    })
    const median = (values: number[]) => percentiles(values).p50
    const cpu = { on: median(cost.cpuMicrosPerMessage.on), off: median(cost.cpuMicrosPerMessage.off) }
    out.push({
      ...blank,
      figure: '  server CPU µs per stored message (median of rounds)',
      parley: cpu.on.toFixed(1),
      baseline: cpu.off.toFixed(1),
      ratio: (cpu.on / cpu.off).toFixed(2),
    })
    out.push({
      ...blank,
      figure: '  index caught up after the last write, ms (worst round)',
      parley: int(Math.max(...cost.catchUpMs)),
    })
  }
  return out
}
