// What the kernel says about a process: resident memory and CPU time.
import { readdirSync, readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** Resident memory in bytes, from /proc/<pid>/status VmRSS. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = status.match(/^VmRSS:\s*(\d+)\s*kB/m)?.[1]
  if (!kb) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

interface CpuTimes {
  user: number
  system: number
}

/** A process's or thread's name and user and system CPU seconds so far, from its `stat` file (utime and stime). */
function readStat(path: string): CpuTimes & { name: string } {
  const stat = readFileSync(path, 'utf8')
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND,
    system: Number(fields[12]) / CLOCK_TICKS_PER_SECOND,
  }
}

/** User and system CPU seconds so far, from /proc/<pid>/stat. */
function cpuTimes(pid: number): CpuTimes {
  const { user, system } = readStat(`/proc/${pid}/stat`)
  return { user, system }
}

/**
 * User and system CPU seconds so far of each thread, by thread name (threads of one
 * name added up: Bun's main thread is `bun.exe`, a Worker is `Worker`, JavaScriptCore's
 * compilers are `JITWorker`).
 */
export function threadCpuTimes(pid: number): Map<string, CpuTimes> {
  const byName = new Map<string, CpuTimes>()
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    let stat: ReturnType<typeof readStat>
    try {
      stat = readStat(`/proc/${pid}/task/${thread}/stat`)
    } catch {
      continue // the thread ended meanwhile
    }
    const sum = byName.get(stat.name) ?? { user: 0, system: 0 }
    byName.set(stat.name, { user: sum.user + stat.user, system: sum.system + stat.system })
  }
  return byName
}

/** User and system CPU seconds so far of several processes, added up. */
export function totalCpuTimes(pids: readonly number[]): CpuTimes {
  const times = pids.map(cpuTimes)
  return {
    user: times.reduce((sum, time) => sum + time.user, 0),
    system: times.reduce((sum, time) => sum + time.system, 0),
  }
}
