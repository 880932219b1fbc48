// What search costs the send path on SQLite: stored messages/s with search on (the writer
// thread indexes between batches) and with SEARCH=off (it indexes nothing), on fresh servers
// in the same run, measured as the stored messages/s figure is but with the seeded history's
// text (8 to 30 words), since indexing costs by the word. With search on, how long the index
// then takes to catch up with the log after the last write.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { config } from '../config.ts'
import { totalCpuTimes } from '../machine/proc-stats.ts'
import { makeSeedCorpus } from '../search/seed-corpus.ts'
import { indexProgress } from '../search/seed-sqlite.ts'
import { startParleyWith } from '../servers/start-servers.ts'
import type { RunLog } from './run-log.ts'
import { type MessageText, measureStoredWrites } from './storage-throughput.ts'

/** Distinct texts the messages take turns with. */
const TEXTS = 10_000
const CATCH_UP_POLL_MS = 20
const CATCH_UP_TIMEOUT_MS = 60_000

type Search = 'on' | 'off'

export interface IndexingCostFigure {
  messages: number
  rounds: number
  /** Stored messages per second in each round, with search on and off. */
  results: Record<Search, number[]>
  best: Record<Search, number>
  /** Best with search on ÷ best with it off. */
  ratio: number
  /**
   * The server's CPU µs per stored message (warm-up included; with search on, until the index
   * caught up) in each round: what indexing costs, less disturbed by other work than a rate.
   */
  cpuMicrosPerMessage: Record<Search, number[]>
  /** With search on, ms from the last write's answer until the index had every message, per round. */
  catchUpMs: number[]
}

interface Round {
  perSecond: number
  cpuMicrosPerMessage: number
  caughtUpMs?: number
}

/** config.search.indexingRounds rounds of config.storageMessages messages, search off and on, alternating which goes first. */
export function searchIndexingCostPhase(run: RunLog): Promise<IndexingCostFigure | undefined> {
  const settings = config.search
  if (!settings) return Promise.resolve(undefined)
  const messages = config.storageMessages
  run.say(`stored messages/s with search on and SEARCH=off: ${messages.toLocaleString('en-US')} messages, SQLite`)
  return run.attempt('indexing cost', () => measureCost(messages, settings.indexingRounds))
}

async function measureCost(messages: number, rounds: number): Promise<IndexingCostFigure> {
  const texts = makeSeedCorpus(TEXTS, 1).body
  const text: MessageText = (n) => texts[n % texts.length] ?? ''
  const results: Record<Search, number[]> = { on: [], off: [] }
  const cpuMicrosPerMessage: Record<Search, number[]> = { on: [], off: [] }
  const catchUpMs: number[] = []
  for (let round = 0; round < rounds; round++) {
    const order: Search[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off']
    for (const search of order) {
      const measured = await measureWith(search, messages, text)
      results[search].push(measured.perSecond)
      cpuMicrosPerMessage[search].push(measured.cpuMicrosPerMessage)
      if (measured.caughtUpMs !== undefined) catchUpMs.push(measured.caughtUpMs)
    }
  }
  const best = { on: Math.max(...results.on), off: Math.max(...results.off) }
  return { messages, rounds, results, best, ratio: best.on / best.off, cpuMicrosPerMessage, catchUpMs }
}

/** One fresh server on a fresh file: its stored messages/s and CPU per message, and with search on how long indexing lagged. */
async function measureWith(search: Search, messages: number, text: MessageText): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-index-'))
  const file = join(dataDir, 'parley.db')
  try {
    const server = await startParleyWith(`parley (sqlite, search ${search})`, { DATA_DIR: dataDir, SEARCH: search })
    try {
      const cpu = () => {
        const { user, system } = totalCpuTimes([server.pid])
        return user + system
      }
      const cpuBefore = cpu()
      const perSecond = await measureStoredWrites(server.url, messages, 'plain', text)
      const caughtUpMs = search === 'on' ? await untilCaughtUp(file) : undefined
      const { entries, indexed } = indexProgress(file)
      const cpuMicrosPerMessage = ((cpu() - cpuBefore) / entries) * 1e6
      // The comparison means something only if the server with search off really indexed nothing.
      if (search === 'off' && indexed > 0) throw new Error('the server with SEARCH=off indexed its messages')
      return caughtUpMs === undefined
        ? { perSecond, cpuMicrosPerMessage }
        : { perSecond, cpuMicrosPerMessage, caughtUpMs }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function untilCaughtUp(file: string): Promise<number> {
  const started = performance.now()
  for (;;) {
    const { entries, indexed } = indexProgress(file)
    if (indexed >= entries) break
    if (performance.now() - started > CATCH_UP_TIMEOUT_MS) throw new Error('the index did not catch up within 60 s')
    await Bun.sleep(CATCH_UP_POLL_MS)
  }
  return performance.now() - started
}
