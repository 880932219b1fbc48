// The servers under test, each its own process on the server CPU: Parley as it runs in
// production (storage on, rate limits off, connection caps raised), and the bare baseline.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerProcess, startServerProcess } from '../../apps/server/test/server-process.ts'
import { config } from '../config.ts'
import { pinTo, SERVER_CPU } from '../machine/pinning.ts'

const baselineEntry = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))

/** Parley's environment for load: only the per-client limits that would refuse the load are lifted. */
const parleyLoadEnv = {
  NODE_ENV: 'production',
  MESSAGE_RATE_LIMIT: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  LOG_LEVEL: config.logLevel,
}

export type Storage = 'sqlite' | 'memory'

/** Parley as deployed (SQLite), Parley with `memory:` storage, and the bare baseline. */
export type ServerKind = 'baseline' | 'parley' | 'parleyMemory'

/** The two every figure compares, in the order they take turns (so both see much the same background load). */
export const compared = ['baseline', 'parley'] as const satisfies readonly ServerKind[]

const dataDirs = new Set<string>()
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

/** A server process under load, and which of the two it is (Parley answers /api/metrics, the baseline does not). */
export interface BenchServer extends ServerProcess {
  readonly kind: 'parley' | 'baseline'
}

/** Starts Parley with SQLite in a fresh temporary folder (removed on stop), or with `memory:`. */
export async function startParley(storage: Storage = 'sqlite', bunArgs: string[] = []): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  dataDirs.add(dataDir)
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  const env: Record<string, string> = storage === 'memory' ? { DATABASE_URL: 'memory:' } : { DATA_DIR: dataDir }
  try {
    const server = await startParleyWith(`parley (${storage})`, env, bunArgs)
    return {
      ...server,
      async stop(signal) {
        const code = await server.stop(signal)
        removeData()
        return code
      },
    }
  } catch (error) {
    removeData()
    throw error
  }
}

/** Starts Parley with `env` on top of the load environment (storage and Redis are the caller's to set). */
export async function startParleyWith(
  name: string,
  env: Record<string, string>,
  bunArgs: string[] = [],
): Promise<BenchServer> {
  const server = await startServerProcess({
    name,
    env: { ...parleyLoadEnv, ...env },
    bunArgs,
    prefix: pinTo(SERVER_CPU),
  })
  return { ...server, kind: 'parley' }
}

/** Starts the bare Bun.serve baseline. */
async function startBaseline(): Promise<BenchServer> {
  const server = await startServerProcess({ name: 'baseline', entry: baselineEntry, prefix: pinTo(SERVER_CPU) })
  return { ...server, kind: 'baseline' }
}

/** Servers running at once, by kind: those the load figures share. */
export type ServersByKind = Partial<Record<ServerKind, BenchServer>>

/** Starts a server of `kind`. */
export function startServer(kind: ServerKind): Promise<BenchServer> {
  if (kind === 'baseline') return startBaseline()
  return startParley(kind === 'parley' ? 'sqlite' : 'memory')
}
