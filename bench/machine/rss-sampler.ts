// A process's resident memory read over and over while something runs: its peak, not just a
// before and an after.
import { residentBytes } from './proc-stats.ts'

/** What a sampler saw: resident bytes when it started, the most it read, and how many reads it made. */
export interface RssSamples {
  beforeBytes: number
  peakBytes: number
  samples: number
}

/** A running sampler; `stop` takes one last reading and gives what it saw. */
export interface RssSampler {
  stop(): RssSamples
}

/**
 * Reads `pid`'s VmRSS now and then every `everyMs` until stopped. A process that has ended
 * stops the readings (the last peak stands).
 */
export function sampleRss(pid: number, everyMs: number): RssSampler {
  const beforeBytes = residentBytes(pid)
  let peakBytes = beforeBytes
  let samples = 1
  const read = () => {
    try {
      peakBytes = Math.max(peakBytes, residentBytes(pid))
      samples += 1
    } catch {
      clearInterval(timer)
    }
  }
  const timer = setInterval(read, everyMs)
  return {
    stop() {
      clearInterval(timer)
      read()
      return { beforeBytes, peakBytes, samples }
    },
  }
}
