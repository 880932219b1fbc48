// CPU pinning: servers on CPU 0, the load on CPU 1, when `taskset` exists and there are two CPUs.
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'

const env: Record<string, string | undefined> = process.env

/**
 * Whether processes are pinned to CPUs: when the machine has two (counting every CPU, not
 * just those this process may use) and `taskset`, unless BENCH_PIN=0.
 */
export const canPin: boolean = env.BENCH_PIN !== '0' && cpus().length >= 2 && Bun.which('taskset') !== null

/** The CPU servers run on. */
export const SERVER_CPU = 0
/** The CPU the load generators run on. */
export const LOAD_CPU = 1

/** The words to put before a command to run it on `cpu`: `taskset -c <cpu>`, or none when pinning is not possible. */
export function pinTo(cpu: number): string[] {
  return canPin ? ['taskset', '-c', String(cpu)] : []
}

/** The CPUs this process may run on, as the kernel lists them (e.g. "1" or "0-1"). */
export function currentAffinity(): string {
  const status = readFileSync('/proc/self/status', 'utf8')
  return status.match(/^Cpus_allowed_list:\s*(\S+)/m)?.[1] ?? 'unknown'
}
