// A server that runs under Node rather than Bun (the Socket.IO peer), as its own process:
// it tells its port by printing `listening on <port>`. The same handle as startServerProcess
// gives for Bun servers, so the bench treats both alike.
import { spawn } from 'node:child_process'
import type { ServerProcess } from '../../apps/server/test/server-process.ts'

const LISTENING = /listening on (\d+)/
const KEEP_OUTPUT_CHARS = 8_000
const STOP_GRACE_MS = 10_000

interface NodeServerOptions {
  name: string
  /** The script node runs. */
  entry: string
  /** The WebSocket path (and query) after the address. */
  wsPath: string
  /** Words put before the command, such as `taskset -c 0`. */
  prefix?: string[]
  startupMs?: number
}

/** Runs `node <entry>` on a free port (PORT=0, HOST=127.0.0.1) and resolves once it says where it listens. */
export async function startNodeServer(options: NodeServerOptions): Promise<ServerProcess> {
  const { name, startupMs = 15_000 } = options
  const [command = 'node', ...args] = [...(options.prefix ?? []), 'node', options.entry]
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  process.on('exit', () => child.kill('SIGKILL'))
  let printed = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let timer: ReturnType<typeof setTimeout> | undefined
  const port = await new Promise<number>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not listen within ${startupMs} ms:\n${printed}`)), startupMs)
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString()).slice(-KEEP_OUTPUT_CHARS)
      const said = LISTENING.exec(printed)
      if (said) resolve(Number(said[1]))
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
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
    url: `ws://127.0.0.1:${port}${options.wsPath}`,
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
