// npm run bench: Parley against the ceiling (a bare Bun.serve) and a Socket.IO 4 peer, in one
// run. CPU per delivery and latency at fixed rates; the knee (deliveries/s at p99 ≤ 50 ms)
// for rooms of 32, 2 and 256; join latency; memory per idle connection; bad input under load;
// Parley on PostgreSQL and Redis, one instance and two; stored messages/s on memory:, SQLite
// and PostgreSQL, and with search on and off; search over a seeded history; a first visit's
// bytes on the wire; files up and down (MB/s, and the server's RSS during uploads at once).
// Each phase returns its figures; this file puts them together, prints a table with each
// target's PASS/FAIL and writes JSON to bench/results/. The exit code never depends on the
// targets.
import { getPriority, loadavg } from 'node:os'
import { config } from './config.ts'
import { canPin, currentAffinity } from './machine/pinning.ts'
import { isRelaunched, relaunchPinned } from './machine/relaunch.ts'
import { bigRoomPhase } from './phases/big-room.ts'
import { clusterPhase } from './phases/cluster.ts'
import { type DeliveriesFigures, deliveriesPhase } from './phases/deliveries.ts'
import { filesPhase } from './phases/files.ts'
import { firstVisitPhase } from './phases/first-visit.ts'
import { fixedRatePhase } from './phases/fixed-rate.ts'
import { idleMemoryPhase } from './phases/idle-memory.ts'
import { joinLatencyPhase } from './phases/join-latency.ts'
import type { RunLog } from './phases/run-log.ts'
import { searchPhase } from './phases/search.ts'
import { searchIndexingCostPhase } from './phases/search-indexing-cost.ts'
import { storageThroughputPhase } from './phases/storage-throughput.ts'
import { type RunFigures, rows } from './report/figures.ts'
import { writeResults } from './report/results-file.ts'
import { formatTable } from './report/table.ts'
import { compared, type ServerKind, type ServersByKind, startServer } from './servers/start-servers.ts'

if (!isRelaunched) await relaunchPinned(import.meta.path)

/** However the run goes, it ends: a hung step must not hold the machine. */
const WATCHDOG_MS = (config.quick ? 15 : 25) * 60_000 + (config.search ? (config.quick ? 3 : 10) * 60_000 : 0)
setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`)
  process.exit(2)
}, WATCHDOG_MS).unref()

const startedAt = new Date()
const clock = performance.now()
const elapsed = () => `${((performance.now() - clock) / 1000).toFixed(0)} s`
const loadAverages = [loadavg()[0] ?? 0]
const errors: string[] = []

const run: RunLog = {
  say: (line) => console.log(line.startsWith(' ') ? line : `[${elapsed()}] ${line}`),
  async attempt(what, measure) {
    try {
      return await measure()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      errors.push(`${what}: ${reason}`)
      run.say(`  ${what} failed: ${reason}`)
      return undefined
    }
  },
}

/** The load figures on servers that run through all of them: fixed rates, knees (with bad input), then joins. */
async function onLongRunningServers(): Promise<DeliveriesFigures & Pick<RunFigures, 'joins' | 'fixedRate'>> {
  const kinds: ServerKind[] = [...compared]
  if (config.memoryVariantMembers.length > 0) kinds.push('parleyMemory')
  const servers: ServersByKind = {}
  try {
    for (const kind of kinds) servers[kind] = await startServer(kind)
    const fixedRate = await fixedRatePhase(servers, run)
    const deliveries = await deliveriesPhase(servers, run)
    return { ...deliveries, fixedRate, joins: await joinLatencyPhase(servers, run) }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()))
  }
}

run.say(
  `Parley vs the ceiling and Socket.IO${config.quick ? ' (quick)' : ''}: servers on CPU 0, load on CPU ${currentAffinity()}` +
    `${canPin ? '' : ' (not pinned)'}, niceness ${getPriority()}, load average ${loadAverages[0]?.toFixed(2)}`,
)
const load = await onLongRunningServers()
loadAverages.push(loadavg()[0] ?? 0)
const cluster = await clusterPhase(run)
const memory = await idleMemoryPhase(run)
const bigRoom = await bigRoomPhase(run)
const storage = await storageThroughputPhase(run)
const searchIndexing = await searchIndexingCostPhase(run)
const search = await searchPhase(run)
const firstVisit = await firstVisitPhase(run)
const files = await filesPhase(run)
loadAverages.push(loadavg()[0] ?? 0)
const figures: RunFigures = {
  ...load,
  cluster,
  memory,
  bigRoom,
  storage,
  search,
  searchIndexing,
  firstVisit,
  files,
  errors,
}

const seconds = (performance.now() - clock) / 1000
const table = rows(figures)
run.say(`done\n\n${formatTable(table)}`)
if (errors.length > 0) run.say(`\nnot measured:\n${errors.map((e) => `  ${e}`).join('\n')}`)
const file = writeResults(startedAt, {
  startedAt: startedAt.toISOString(),
  seconds,
  machine: {
    bun: Bun.version,
    pinned: canPin,
    loadCpus: currentAffinity(),
    niceness: getPriority(),
    /** The 1-minute load average at the start, after the load figures, and at the end. */
    loadAverages,
  },
  config,
  table,
  figures,
})
run.say(`${seconds.toFixed(0)} s in all; written to ${file}`)
process.exit(0)
