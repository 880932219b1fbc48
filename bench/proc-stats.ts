// What the kernel says about a process: resident memory and CPU time.
import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** Resident memory in bytes, from /proc/<pid>/status VmRSS. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = status.match(/^VmRSS:\s*(\d+)\s*kB/m)?.[1]
  if (!kb) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

/** User and system CPU seconds so far, from /proc/<pid>/stat (utime and stime). */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return {
    user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND,
    system: Number(fields[12]) / CLOCK_TICKS_PER_SECOND,
  }
}

/** User and system CPU seconds so far of several processes, added up. */
export function totalCpuTimes(pids: readonly number[]): { user: number; system: number } {
  const times = pids.map(cpuTimes)
  return {
    user: times.reduce((sum, time) => sum + time.user, 0),
    system: times.reduce((sum, time) => sum + time.system, 0),
  }
}
