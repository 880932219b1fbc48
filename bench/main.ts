// npm run bench: Parley against a bare Bun.serve baseline, in one run. Deliveries/s at
// p99 ≤ 10 ms for rooms of 32, 2 and 256; join latency; memory per idle connection; CPU per
// delivery; bad input under load; one Parley and two on PostgreSQL and Redis; stored
// messages/s with storage on and off. Prints a table and writes JSON to bench/results/.
// Targets are reported, never enforced by the exit code.
import { getPriority, loadavg } from 'node:os'
import { config } from './config.ts'
import { canPin, currentAffinity } from './machine/pinning.ts'
import { isRelaunched, relaunchPinned } from './machine/relaunch.ts'
import { runClusterPhase } from './phases/cluster.ts'
import { runLoadPhase, turns } from './phases/deliveries.ts'
import { measureIdleMemory } from './phases/idle-memory.ts'
import { measureStorage } from './phases/storage-throughput.ts'
import { type RunFigures, rows, type ServerKind } from './report/figures.ts'
import { writeResults } from './report/results-file.ts'
import { formatTable } from './report/table.ts'
import { type BenchServer, startBaseline, startParley } from './servers/start-servers.ts'

if (!isRelaunched) await relaunchPinned(import.meta.path)

/** However the run goes, it ends: a hung step must not hold the machine. */
const WATCHDOG_MS = (config.quick ? 6 : 15) * 60_000
setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`)
  process.exit(2)
}, WATCHDOG_MS).unref()

const startedAt = new Date()
const clock = performance.now()
const say = (line: string) => console.log(line.startsWith(' ') ? line : `[${elapsed()}] ${line}`)
const elapsed = () => `${((performance.now() - clock) / 1000).toFixed(0)} s`
const loadAverages = [loadavg()[0] ?? 0]

const figures: RunFigures = {
  deliveries: { baseline: [], parley: [], parleyMemory: [] },
  joins: {},
  memory: {},
  errors: [],
}

/** Measures one figure; a failure is recorded and the run goes on. */
async function attempt<T>(what: string, measure: () => Promise<T>): Promise<T | undefined> {
  try {
    return await measure()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    figures.errors.push(`${what}: ${reason}`)
    say(`  ${what} failed: ${reason}`)
    return undefined
  }
}

const startServer = (kind: ServerKind) =>
  kind === 'baseline' ? startBaseline() : startParley(kind === 'parley' ? 'sqlite' : 'memory')

say(
  `Parley vs baseline${config.quick ? ' (quick)' : ''}: servers on CPU 0, load on CPU ${currentAffinity()}` +
    `${canPin ? '' : ' (not pinned)'}, niceness ${getPriority()}, load average ${loadAverages[0]?.toFixed(2)}`,
)

const servers: Partial<Record<ServerKind, BenchServer>> = {}
try {
  for (const kind of turns) servers[kind] = await startServer(kind)
  if (config.memoryVariantMembers.length > 0) servers.parleyMemory = await startServer('parleyMemory')
  await runLoadPhase(servers, figures, attempt, say)
} finally {
  await Promise.all(Object.values(servers).map((server) => server.stop()))
}
loadAverages.push(loadavg()[0] ?? 0)

// The cluster on servers of its own, with the load phase's stopped: two instances share the server CPU.
await runClusterPhase(figures, attempt, say)

// Memory on fresh servers, one at a time: garbage from the load would swamp a few KB per connection.
for (const kind of turns) {
  say(`${kind}: memory with ${config.idleConnections.toLocaleString('en-US')} idle connections, on a fresh server`)
  await attempt(`${kind} memory`, async () => {
    const server = await startServer(kind)
    try {
      figures.memory[kind] = await measureIdleMemory(server, config.idleConnections, config.idleSettleSeconds)
    } finally {
      await server.stop()
    }
  })
}

say(`stored messages/s: ${config.storageMessages.toLocaleString('en-US')} messages, storage off then on`)
figures.storage = await attempt('storage', () => measureStorage(config.storageMessages, config.storageRounds))
loadAverages.push(loadavg()[0] ?? 0)

const seconds = (performance.now() - clock) / 1000
const table = rows(figures)
say(`done\n\n${formatTable(table)}`)
if (figures.errors.length > 0) say(`\nnot measured:\n${figures.errors.map((e) => `  ${e}`).join('\n')}`)
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
say(`${seconds.toFixed(0)} s in all; written to ${file}`)
process.exit(0)
