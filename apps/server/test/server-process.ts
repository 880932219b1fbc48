import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** Parley's real entry point, as `npm start` runs it. */
const serverEntry = fileURLToPath(new URL('../src/index.ts', import.meta.url))
/** Bun itself: this process under Bun; the one npm installed under Node (Playwright's runner). */
const bun = process.versions.bun
  ? process.execPath
  : fileURLToPath(new URL('../../../node_modules/.bin/bun', import.meta.url))

/** What a server says over IPC once it listens: Parley's index.ts and the bench's baseline do. */
const listeningSchema = z.object({ listening: z.number().int().positive() })

export interface ServerProcessOptions {
  /** Environment on top of this process's, after `PORT=0` and `HOST=127.0.0.1`. */
  env?: Record<string, string>
  /** The script to run; Parley's entry point by default. */
  entry?: string
  /** Arguments for bun before the script (a profiler's flags, say). */
  bunArgs?: string[]
  /** What runs the script: Bun by default, or Node (for a peer written for it). */
  runtime?: 'bun' | 'node'
  /** The WebSocket path after the address; `/ws` by default. */
  wsPath?: string
  /** Words put before the command, such as `taskset -c 0`. */
  prefix?: string[]
  /** A name for errors. */
  name?: string
  /** How long it may take to listen. */
  startupMs?: number
}

/** A server running as a process of its own. */
export interface ServerProcess {
  readonly name: string
  readonly pid: number
  readonly port: number
  /** `ws://127.0.0.1:PORT/ws` */
  readonly url: string
  /** `http://127.0.0.1:PORT` */
  readonly http: string
  /** Resolves with the exit code once the process has ended (null when a signal ended it). */
  readonly exited: Promise<number | null>
  /** The last lines it printed, for when something goes wrong. */
  output(): string
  /** Sends `signal` (SIGTERM by default) and returns at once. */
  kill(signal?: NodeJS.Signals): void
  /** SIGTERM (or `signal`), then SIGKILL if it has not exited within 10 s; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

const KEEP_OUTPUT_CHARS = 8_000
const STOP_GRACE_MS = 10_000

const running = new Set<ChildProcess>()
// Never leave a server behind, whatever way this process ends.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Runs a server as its own process on a free port, under Bun or Node alike. The child
 * tells its port over the IPC channel (`process.send({ listening: port })`), so nothing
 * depends on what it logs; its output is drained and the last of it kept for errors.
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const name = options.name ?? 'parley'
  const startupMs = options.startupMs ?? 15_000
  const runtime = options.runtime === 'node' ? ['node'] : [bun, ...(options.bunArgs ?? [])]
  const [command = bun, ...args] = [...(options.prefix ?? []), ...runtime, options.entry ?? serverEntry]
  // Without a data folder of the caller's, a fresh one (uploads arrive there, whatever the storage), removed at exit.
  const ownData = options.env?.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'parley-process-')) : undefined
  const dataEnv = ownData === undefined ? {} : { DATA_DIR: ownData }
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...dataEnv, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  running.add(child)
  let printed = ''
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-KEEP_OUTPUT_CHARS)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child)
      if (ownData !== undefined) rmSync(ownData, { recursive: true, force: true })
      resolve(code)
    }),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const port = await new Promise<number>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not listen within ${startupMs} ms:\n${printed}`)), startupMs)
    child.on('message', (message) => {
      const said = listeningSchema.safeParse(message)
      if (said.success) resolve(said.data.listening)
    })
    child.once('error', reject)
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before listening:\n${printed}`)))
  })
    .catch((error: unknown) => {
      child.kill('SIGKILL')
      throw error
    })
    .finally(() => clearTimeout(timer))
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  return {
    name,
    pid: child.pid ?? 0,
    port,
    url: `ws://127.0.0.1:${port}${options.wsPath ?? '/ws'}`,
    http: `http://127.0.0.1:${port}`,
    exited,
    output: () => printed,
    kill,
    async stop(signal = 'SIGTERM') {
      kill(signal)
      const late = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS)
      const code = await exited
      clearTimeout(late)
      return code
    },
  }
}
