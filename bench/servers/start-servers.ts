// The servers under test: Parley as it runs in production (storage on, rate limits off,
// connection caps raised), and the bare baseline.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { config } from '../config.ts'
import { type ServerProcess, startServer } from './server-process.ts'

const parleyEntry = fileURLToPath(new URL('../../apps/server/src/index.ts', import.meta.url))
const baselineEntry = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))

/** Parley's environment for load: only the per-client limits that would refuse the load are lifted. */
export const parleyLoadEnv = {
  NODE_ENV: 'production',
  MESSAGE_RATE_LIMIT: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  LOG_LEVEL: config.logLevel,
}

export type Storage = 'sqlite' | 'memory'

const dataDirs = new Set<string>()
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

export interface BenchServer extends ServerProcess {
  readonly kind: 'parley' | 'baseline'
}

/** Starts Parley with SQLite in a fresh temporary folder (removed on stop), or with `memory:`. */
export async function startParley(storage: Storage = 'sqlite', bunArgs: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  dataDirs.add(dataDir)
  const env: Record<string, string> = storage === 'memory' ? { DATABASE_URL: 'memory:' } : { DATA_DIR: dataDir }
  try {
    const server = await startServer(`parley (${storage})`, parleyEntry, { ...parleyLoadEnv, ...env }, bunArgs)
    return withCleanup({ ...server, kind: 'parley' as const }, () => rmSync(dataDir, { recursive: true, force: true }))
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

/** Starts Parley with `env` on top of the load environment (storage and Redis are the caller's to set). */
export async function startParleyWith(name: string, env: Record<string, string>): Promise<BenchServer> {
  return { ...(await startServer(name, parleyEntry, { ...parleyLoadEnv, ...env })), kind: 'parley' }
}

/** Starts the bare Bun.serve baseline. */
export async function startBaseline(): Promise<BenchServer> {
  return { ...(await startServer('baseline', baselineEntry, {})), kind: 'baseline' }
}

function withCleanup(server: BenchServer, cleanup: () => void): BenchServer {
  return {
    ...server,
    async stop() {
      await server.stop()
      cleanup()
    },
  }
}
