// Times searches against a running Parley, one at a time over one connection (a person
// typing waits for each answer): p50 and p99 of the round trip per kind of query, after a
// warm-up of the same kind, and how many came back empty.
import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'
import { percentiles } from '../report/stats.ts'
import type { SearchKind, SearchSet } from './search-queries.ts'

export interface SearchLatency {
  kind: SearchKind
  label: string
  order: 'newest' | 'relevance'
  /** Searches timed (fewer than asked when the time budget ran out). */
  queries: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Mean results on the first page (of 20). */
  meanResults: number
  /** Share of searches that found nothing. */
  emptyShare: number
  /** A few of the searches, to show what was asked. */
  examples: string[]
  /** The three slowest searches, slowest first. */
  slowest: { query: string; ms: number }[]
}

export interface SearchTiming {
  /** Searches per kind made before the clock starts. */
  warmUp: number
  /** The most time one kind may take, warm-up included; the searches made by then are the figure. */
  budgetMs: number
}

/** Times each set in turn on the server at `url`. */
export async function timeSearches(
  url: string,
  sets: readonly SearchSet[],
  { warmUp, budgetMs }: SearchTiming,
): Promise<SearchLatency[]> {
  const client = createClient(url, events, { validate: false, reconnect: false })
  client.connect()
  try {
    await client.request('join', { username: 'search-bench', room: 'search-bench' })
    const out: SearchLatency[] = []
    for (const set of sets) {
      const started = performance.now()
      const ask = (query: string) => client.request('search', { query, order: set.order, limit: 20 })
      for (const query of set.queries.slice(0, warmUp)) await ask(query)
      const times: number[] = []
      const asked: { query: string; ms: number }[] = []
      let results = 0
      let empty = 0
      for (const query of set.queries.slice(warmUp)) {
        if (times.length > 0 && performance.now() - started > budgetMs) break
        const sent = performance.now()
        const found = (await ask(query)).results.length
        const ms = performance.now() - sent
        times.push(ms)
        asked.push({ query, ms })
        results += found
        if (found === 0) empty += 1
      }
      const { p50, p99, max } = percentiles(times)
      out.push({
        kind: set.kind,
        label: set.label,
        order: set.order,
        queries: times.length,
        p50Ms: p50,
        p99Ms: p99,
        maxMs: max,
        meanResults: results / times.length,
        emptyShare: empty / times.length,
        examples: set.queries.slice(warmUp, warmUp + 5),
        slowest: asked.sort((a, b) => b.ms - a.ms).slice(0, 3),
      })
    }
    return out
  } finally {
    client.close()
  }
}
