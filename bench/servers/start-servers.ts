// The servers under test, each its own process on the server CPU: Parley as it runs in
// production (storage on, rate limits off, connection caps raised), the bare baseline, and
// the Socket.IO peer (Socket.IO 4 on Node).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerProcess, startServerProcess } from '../../apps/server/test/server-process.ts'
import { config } from '../config.ts'
import type { Dialect } from '../load/dialect.ts'
import { SOCKET_IO_PATH, socketIo } from '../load/socketio-wire.ts'
import { wsx } from '../load/wire.ts'
import { pinTo, SERVER_CPU } from '../machine/pinning.ts'

const baselineEntry = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const socketIoEntry = fileURLToPath(new URL('./socketio-server.mjs', import.meta.url))

/** Parley's environment for load: only the per-client limits that would refuse the load are lifted. */
const parleyLoadEnv = {
  NODE_ENV: 'production',
  MESSAGE_RATE_LIMIT: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  LOG_LEVEL: config.logLevel,
}

export type Storage = 'sqlite' | 'memory'

/** Parley as deployed (SQLite), Parley with `memory:` storage, the bare baseline, and the Socket.IO peer. */
export type ServerKind = 'baseline' | 'parley' | 'parleyMemory' | 'socketio'

/**
 * The servers every load figure compares, in the order they take turns (so all see much the
 * same background load): the ceiling, Parley as shipped, and the Socket.IO peer.
 */
export const compared = ['baseline', 'parley', 'socketio'] as const satisfies readonly ServerKind[]

const dataDirs = new Set<string>()
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

/** A server process under load, which it is (only Parley answers /api/metrics), and the dialect its clients speak. */
export interface BenchServer extends ServerProcess {
  readonly kind: 'parley' | 'baseline' | 'socketio'
  readonly dialect: Dialect
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
  return { ...server, kind: 'parley', dialect: wsx }
}

/** Starts the bare Bun.serve baseline. */
async function startBaseline(): Promise<BenchServer> {
  const server = await startServerProcess({ name: 'baseline', entry: baselineEntry, prefix: pinTo(SERVER_CPU) })
  return { ...server, kind: 'baseline', dialect: wsx }
}

/** Starts the Socket.IO peer under Node. */
async function startSocketIo(): Promise<BenchServer> {
  const server = await startServerProcess({
    name: 'socket.io',
    runtime: 'node',
    entry: socketIoEntry,
    wsPath: SOCKET_IO_PATH,
    env: { NODE_ENV: 'production' },
    prefix: pinTo(SERVER_CPU),
  })
  return { ...server, kind: 'socketio', dialect: socketIo }
}

/** Servers running at once, by kind: those the load figures share. */
export type ServersByKind = Partial<Record<ServerKind, BenchServer>>

/** Starts a server of `kind`. */
export function startServer(kind: ServerKind): Promise<BenchServer> {
  if (kind === 'baseline') return startBaseline()
  if (kind === 'socketio') return startSocketIo()
  return startParley(kind === 'parley' ? 'sqlite' : 'memory')
}
