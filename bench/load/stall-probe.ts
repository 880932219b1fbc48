// The server's responsiveness during a step: an HTTP request every few milliseconds on a
// connection of its own, timed. A server whose event loop stalls (a garbage collection, a
// synchronous disk sync) answers late, whatever its throughput.
import { percentiles } from '../report/stats.ts'

const INTERVAL_MS = 10

export interface StallProbe {
  /** Stops probing; the p99 and largest round trip in ms. */
  stop(): Promise<{ p99Ms: number; maxMs: number }>
}

/** Starts probing `url` (any path: a 404 is as good an answer as any). */
export function probeStalls(url: string): StallProbe {
  const times: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      try {
        await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).arrayBuffer()
        times.push(performance.now() - started)
      } catch {
        times.push(performance.now() - started)
      }
      const wait = INTERVAL_MS - (performance.now() - started)
      if (wait > 0) await Bun.sleep(wait)
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      const { p99, max } = percentiles(times)
      return { p99Ms: p99, maxMs: max }
    },
  }
}
