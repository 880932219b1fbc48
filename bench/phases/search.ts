// Search over a long history: config.search.messages messages over its rooms, seeded into
// SQLite and into PostgreSQL, then searches of each kind timed on the real server, one at a
// time. On SQLite the server builds the search index itself from the seeded log (as after
// an upgrade to a release with search), and that is timed too; on PostgreSQL the index is
// kept by the INSERTs, as the server's own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { config } from '../config.ts'
import { untilCpusQuiet } from '../machine/cpu-contention.ts'
import { LOAD_CPU, SERVER_CPU } from '../machine/pinning.ts'
import { commonWords, type SearchSet, searchKinds, searchQueries } from '../search/search-queries.ts'
import { makeSeedCorpus, type SeedCorpus } from '../search/seed-corpus.ts'
import { seedPostgres } from '../search/seed-postgres.ts'
import { seedSqlite } from '../search/seed-sqlite.ts'
import { type SearchLatency, type SearchTiming, timeSearches } from '../search/time-searches.ts'
import { type IndexingFigure, untilIndexed } from '../search/until-indexed.ts'
import { seededRandom } from '../search/vocabulary.ts'
import { startParleyWith } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'

/** The slowest the server's indexing may be before the figure is given up: messages per second. */
const SLOWEST_INDEXING_PER_SECOND = 1_000

export interface SearchEngineFigure {
  /** Seconds to put the rows in, outside the server. */
  seedSeconds: number
  /** SQLite only: the server indexing the seeded log. */
  indexing?: IndexingFigure
  latencies: SearchLatency[]
}

export interface SearchFigure {
  messages: number
  rooms: number
  authors: number
  /** Seconds to make the corpus's text. */
  corpusSeconds: number
  /** The share of messages holding a "common" word: the least and the most common of them. */
  commonWordShare: { least: number; most: number }
  sqlite: SearchEngineFigure | undefined
  postgres: SearchEngineFigure | undefined
}

type Settings = NonNullable<typeof config.search>

/** Seeds, indexes and times searches on both engines; undefined when BENCH_SEARCH=0. */
export async function searchPhase(run: RunLog): Promise<SearchFigure | undefined> {
  const settings = config.search
  if (!settings) return undefined
  run.say(
    `search: ${settings.messages.toLocaleString('en-US')} messages over ${settings.rooms} rooms, ` +
      'seeded into SQLite and PostgreSQL; searches timed one at a time',
  )
  return run.attempt('search', () => measureSearch(settings, run))
}

async function measureSearch(settings: Settings, run: RunLog): Promise<SearchFigure> {
  const started = performance.now()
  const corpus = makeSeedCorpus(settings.messages, settings.rooms)
  const corpusSeconds = (performance.now() - started) / 1000
  const draw = searchQueries(corpus, seededRandom(7))
  const sets: SearchSet[] = searchKinds.map((kind) => ({
    ...kind,
    queries: draw(kind.kind, settings.warmUpQueries + settings.queriesPerKind),
  }))
  const timing: SearchTiming = { warmUp: settings.warmUpQueries, budgetMs: settings.secondsPerKind * 1000 }
  const shares = commonWords(corpus).map(({ rank }) => (corpus.documentFrequency[rank] ?? 0) / settings.messages)
  const sqlite = await run.attempt('search on SQLite', () => onSqlite(corpus, sets, timing, run.say))
  const postgres = await run.attempt('search on PostgreSQL', () => onPostgres(corpus, sets, timing, run.say))
  return {
    messages: settings.messages,
    rooms: settings.rooms,
    authors: corpus.authors.length,
    corpusSeconds,
    commonWordShare: { least: Math.min(...shares), most: Math.max(...shares) },
    sqlite,
    postgres,
  }
}

const dataDirs = new Set<string>()
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

async function onSqlite(
  corpus: SeedCorpus,
  sets: readonly SearchSet[],
  timing: SearchTiming,
  say: (line: string) => void,
): Promise<SearchEngineFigure> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-search-'))
  dataDirs.add(dataDir)
  try {
    const seeding = performance.now()
    const file = await seedSqlite(corpus, dataDir)
    const seedSeconds = (performance.now() - seeding) / 1000
    say(`  SQLite: rows in after ${seedSeconds.toFixed(1)} s; Parley indexes them`)
    const messages = corpus.body.length
    const starting = performance.now()
    const server = await startParleyWith('parley (sqlite, seeded)', { DATA_DIR: dataDir })
    try {
      const timeoutMs = (messages / SLOWEST_INDEXING_PER_SECOND) * 1000
      const indexing = await untilIndexed(file, server.pid, messages, starting, timeoutMs, say)
      say(
        `  SQLite: indexed in ${indexing.seconds.toFixed(1)} s (${Math.round(indexing.messagesPerSecond).toLocaleString('en-US')}` +
          ` messages/s, writer thread ${indexing.writerCpuSeconds.toFixed(1)} CPU s)`,
      )
      return { seedSeconds, indexing, latencies: await timed('SQLite', server.url, sets, timing, say) }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    dataDirs.delete(dataDir)
  }
}

async function onPostgres(
  corpus: SeedCorpus,
  sets: readonly SearchSet[],
  timing: SearchTiming,
  say: (line: string) => void,
): Promise<SearchEngineFigure> {
  const seeding = performance.now()
  const schema = await seedPostgres(corpus, config.postgresUrl)
  try {
    const seedSeconds = (performance.now() - seeding) / 1000
    say(`  PostgreSQL: rows in and indexed after ${seedSeconds.toFixed(1)} s`)
    const server = await startParleyWith('parley (postgres, seeded)', { DATABASE_URL: schema.url })
    try {
      return { seedSeconds, latencies: await timed('PostgreSQL', server.url, sets, timing, say) }
    } finally {
      await server.stop()
    }
  } finally {
    await schema.remove()
  }
}

async function timed(
  engine: string,
  url: string,
  sets: readonly SearchSet[],
  timing: SearchTiming,
  say: (line: string) => void,
): Promise<SearchLatency[]> {
  await untilCpusQuiet(config.quietWaitBudgetSeconds * 1000, [SERVER_CPU, LOAD_CPU])
  const latencies = await timeSearches(url, sets, timing)
  for (const latency of latencies) {
    say(
      `  ${engine}: ${latency.label}, ${latency.queries} searches: p50 ${latency.p50Ms.toFixed(2)} ` +
        `p99 ${latency.p99Ms.toFixed(2)} ms, ${latency.meanResults.toFixed(1)} results; slowest: ${latency.slowest[0]?.query ?? '–'}`,
    )
  }
  return latencies
}
