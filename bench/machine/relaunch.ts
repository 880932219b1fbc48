// Runs this benchmark again as a child pinned to the load CPU (and at a better priority when
// allowed), so the load generator, and every process it starts, stays off the servers' CPU.
import { config } from '../config.ts'
import { canPin, LOAD_CPU, pinTo } from './pinning.ts'

const MARK = 'BENCH_RELAUNCHED'

/** Whether this process is the relaunched child. */
export const isRelaunched = process.env[MARK] === '1'

/** Relaunches `entry` pinned, waits for it, and exits with its code. */
export async function relaunchPinned(entry: string, args: string[] = []): Promise<never> {
  const nice = config.nice !== 0 && Bun.which('nice') ? ['nice', '-n', String(config.nice)] : []
  const child = Bun.spawn([...nice, ...pinTo(LOAD_CPU), process.execPath, entry, ...args], {
    env: { ...process.env, [MARK]: '1' },
    stdio: ['inherit', 'inherit', 'inherit'],
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  if (!canPin) console.log('taskset or a second CPU is missing: servers and load share the CPUs')
  process.exit(await child.exited)
}
