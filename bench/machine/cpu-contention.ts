// How busy each CPU was, from /proc/stat: with the servers and the load pinned, what is left
// over after our own processes is other work on the machine, the noise in these figures.
import { readFileSync } from 'node:fs'

/** Busy (user, nice and system: processes, not interrupts) and total clock ticks per CPU so far. */
type CpuTicks = { busy: number; total: number }[]

export function cpuTicks(): CpuTicks {
  const ticks: CpuTicks = []
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = line.match(/^cpu(\d+)\s+(.*)$/)
    if (!match) continue
    // user nice system idle iowait irq softirq steal …
    const fields = (match[2] ?? '').split(/\s+/).map(Number)
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0)
    const busy = (fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0)
    ticks[Number(match[1])] = { busy, total }
  }
  return ticks
}

/** The share of `cpu`'s time that was busy between two readings. */
export function busyShare(before: CpuTicks, after: CpuTicks, cpu: number): number {
  const a = before[cpu]
  const b = after[cpu]
  if (!a || !b || b.total === a.total) return Number.NaN
  return (b.busy - a.busy) / (b.total - a.total)
}

const QUIET_SHARE = 0.2
const SAMPLE_MS = 300
let waitedMs = 0

/**
 * Waits, between steps while our own processes are idle, until neither CPU is more than 20%
 * busy with other work, so steps run when the machine is quiet. Waits at most `budgetMs` over
 * the whole run; says how long it waited this time.
 */
export async function untilCpusQuiet(budgetMs: number, cpus: readonly number[]): Promise<number> {
  const started = performance.now()
  for (;;) {
    const before = cpuTicks()
    await Bun.sleep(SAMPLE_MS)
    const after = cpuTicks()
    const busiest = Math.max(...cpus.map((cpu) => busyShare(before, after, cpu)))
    const waited = performance.now() - started
    if (!(busiest >= QUIET_SHARE) || waitedMs + waited >= budgetMs) {
      waitedMs += waited
      return waited
    }
  }
}
