// Waits while a running Parley indexes a seeded SQLite file, reading the file's `rooms`
// beside it: done when every room's `indexed_seq` has reached its `last_seq`.
import { threadCpuTimes } from '../machine/proc-stats.ts'
import { indexProgress } from './seed-sqlite.ts'

const POLL_MS = 250
const PROGRESS_EVERY_MS = 15_000

export interface IndexingFigure {
  messages: number
  /** From the server's start until the last room was indexed. */
  seconds: number
  messagesPerSecond: number
  /** CPU seconds of the server's writer thread (which indexes) since it started: near `seconds` means CPU-bound. */
  writerCpuSeconds: number
}

/** The CPU seconds so far of the process's `Worker` threads (the SQLite writer). */
function writerCpu(pid: number): number {
  const times = threadCpuTimes(pid).get('Worker')
  return times ? times.user + times.system : 0
}

/**
 * Waits until the server `pid` has indexed all `messages` in `file` (or throws after
 * `timeoutMs`); `startedAt` is when the server was started.
 */
export async function untilIndexed(
  file: string,
  pid: number,
  messages: number,
  startedAt: number,
  timeoutMs: number,
  say: (line: string) => void,
): Promise<IndexingFigure> {
  let said = performance.now()
  for (;;) {
    const { entries, indexed } = indexProgress(file)
    const behind = entries - indexed
    const now = performance.now()
    if (behind === 0) {
      const seconds = (now - startedAt) / 1000
      return { messages, seconds, messagesPerSecond: messages / seconds, writerCpuSeconds: writerCpu(pid) }
    }
    if (now - startedAt > timeoutMs) {
      throw new Error(`the server indexed ${messages - behind} of ${messages} messages in ${timeoutMs / 1000} s`)
    }
    if (now - said > PROGRESS_EVERY_MS) {
      say(`  indexed ${(messages - behind).toLocaleString('en-US')} of ${messages.toLocaleString('en-US')}`)
      said = now
    }
    await Bun.sleep(POLL_MS)
  }
}
