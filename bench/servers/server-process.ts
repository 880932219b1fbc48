// Runs a server as its own process, pinned to the server CPU, and finds the port it listens on.
import type { Subprocess } from 'bun'
import { pinned, SERVER_CPU } from '../machine/pinning.ts'

export interface ServerProcess {
  readonly name: string
  readonly pid: number
  readonly url: string
  readonly http: string
  /** The last lines it printed, for when it dies. */
  output(): string
  stop(): Promise<void>
}

const running = new Set<Subprocess>()
/** Never leave a server behind, whatever way this process ends. */
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

const STARTUP_TIMEOUT_MS = 15_000
const KEEP_OUTPUT_CHARS = 4_000

/** Spawns `bun [bunArgs] entry` with `env`, waits for its `listening … localhost:PORT` line. */
export async function startServer(
  name: string,
  entry: string,
  env: Record<string, string>,
  bunArgs: string[] = [],
): Promise<ServerProcess> {
  const child = Bun.spawn(pinned(SERVER_CPU, [process.execPath, ...bunArgs, entry]), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  running.add(child)
  let printed = ''
  const keep = (text: string) => {
    printed = (printed + text).slice(-KEEP_OUTPUT_CHARS)
  }
  const port = new Promise<number>((resolve, reject) => {
    let seen = ''
    void drain(child.stdout, (text) => {
      keep(text)
      seen += text
      const match = seen.match(/listening.*localhost:(\d+)/)
      if (match) resolve(Number(match[1]))
      if (seen.length > 100_000) seen = seen.slice(-1_000)
    }).then(() => reject(new Error(`${name} exited before listening:\n${printed}`)))
    void drain(child.stderr, keep)
    setTimeout(
      () => reject(new Error(`${name} did not listen within ${STARTUP_TIMEOUT_MS} ms:\n${printed}`)),
      STARTUP_TIMEOUT_MS,
    )
  })
  let listening: number
  try {
    listening = await port
  } catch (error) {
    child.kill('SIGKILL')
    running.delete(child)
    throw error
  }
  return {
    name,
    pid: child.pid,
    url: `ws://127.0.0.1:${listening}/ws`,
    http: `http://127.0.0.1:${listening}`,
    output: () => printed,
    async stop() {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await child.exited
      clearTimeout(timer)
      running.delete(child)
    },
  }
}

/** Reads a stream to its end, handing over each chunk of text, so the pipe never fills. */
async function drain(stream: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder()
  for await (const chunk of stream) onText(decoder.decode(chunk, { stream: true }))
}
