import { fileURLToPath } from 'node:url'
import type { ClientOptions } from '@parley/wsx/client'
import type { Subprocess } from 'bun'
import { z } from 'zod'
import { type ChatClient, ClientGroup } from './clients.ts'
import type { RawWebSocket } from './raw-websocket.ts'

/** Parley's real entry point, as `npm start` runs it. */
const serverEntry = fileURLToPath(new URL('../src/index.ts', import.meta.url))

/** What a server started by `spawnServer` says over IPC once it listens (see `announceListening`). */
const listeningSchema = z.object({ listening: z.number().int().positive() })

export interface SpawnOptions {
  /** Environment on top of this process's, after `PORT=0` and `HOST=127.0.0.1`. */
  env?: Record<string, string>
  /** The script to run; Parley's entry point by default. */
  entry?: string
  /** Arguments for bun before the script (a profiler's flags, say). */
  bunArgs?: string[]
  /** Words put before the command, such as `taskset -c 0`. */
  prefix?: string[]
  /** A name for errors. */
  name?: string
  /** How long it may take to listen. */
  startupMs?: number
}

export interface SpawnedServer extends AsyncDisposable {
  readonly name: string
  readonly child: Subprocess
  readonly pid: number
  readonly port: number
  /** `ws://127.0.0.1:PORT/ws` */
  readonly url: string
  /** `http://127.0.0.1:PORT` */
  readonly http: string
  /** The last lines it printed, for when something goes wrong. */
  output(): string
  /** A connecting chat client on this server, closed when the server is disposed. */
  client(options?: ClientOptions): ChatClient
  /** A hand-written WebSocket on this server, dropped when the server is disposed. */
  raw(headers?: Record<string, string>): Promise<RawWebSocket>
  /** SIGTERM (or `signal`), then SIGKILL if it has not exited within 10 s; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** The end of an `await using` block: closes its clients and SIGKILLs the server if it still runs. */
  [Symbol.asyncDispose](): Promise<void>
}

const KEEP_OUTPUT_CHARS = 8_000
const STOP_GRACE_MS = 10_000

const running = new Set<Subprocess>()
// Never leave a server behind, whatever way this process ends.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Runs a server as its own process on a free port. The child tells its port over Bun's
 * IPC channel (`process.send({ listening })`), so nothing depends on what it logs; its
 * output is drained and the last of it kept for error messages.
 */
export async function spawnServer(options: SpawnOptions = {}): Promise<SpawnedServer> {
  const name = options.name ?? 'parley'
  const startupMs = options.startupMs ?? 15_000
  let printed = ''
  const keep = (text: string) => {
    printed = (printed + text).slice(-KEEP_OUTPUT_CHARS)
  }
  const { promise: listening, resolve, reject } = Promise.withResolvers<number>()
  const child = Bun.spawn(
    [...(options.prefix ?? []), process.execPath, ...(options.bunArgs ?? []), options.entry ?? serverEntry],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...options.env },
      stdout: 'pipe',
      stderr: 'pipe',
      serialization: 'json',
      ipc(message) {
        const said = listeningSchema.safeParse(message)
        if (said.success) resolve(said.data.listening)
      },
    },
  )
  running.add(child)
  void drain(child.stdout, keep)
  void drain(child.stderr, keep)
  void child.exited.then((code) => reject(new Error(`${name} exited (${code}) before listening:\n${printed}`)))
  const timer = setTimeout(
    () => reject(new Error(`${name} did not listen within ${startupMs} ms:\n${printed}`)),
    startupMs,
  )
  let port: number
  try {
    port = await listening
  } catch (error) {
    child.kill('SIGKILL')
    running.delete(child)
    throw error
  } finally {
    clearTimeout(timer)
  }
  const url = `ws://127.0.0.1:${port}/ws`
  const clients = new ClientGroup(url, port)
  return {
    name,
    child,
    pid: child.pid,
    port,
    url,
    http: `http://127.0.0.1:${port}`,
    output: () => printed,
    client: (clientOptions = {}) => clients.client(clientOptions),
    raw: (headers = {}) => clients.raw(headers),
    async stop(signal = 'SIGTERM') {
      child.kill(signal)
      const late = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      const code = await child.exited
      clearTimeout(late)
      running.delete(child)
      return code
    },
    async [Symbol.asyncDispose]() {
      clients.closeAll()
      child.kill('SIGKILL')
      await child.exited
      running.delete(child)
    },
  }
}

/** Reads a stream to its end, handing over each chunk of text, so the pipe never fills. */
async function drain(stream: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder()
  for await (const chunk of stream) onText(decoder.decode(chunk, { stream: true }))
}

/** One figure from a running server's /api/metrics. */
export async function metric(http: string, name: string, init?: RequestInit): Promise<number> {
  const text = await (await fetch(`${http}/api/metrics`, init)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`no metric ${name}`)
  return Number(line.slice(name.length + 1))
}
