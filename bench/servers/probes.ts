// Questions asked of a running server over HTTP, and waits on its connection count.
import { metric } from '../../apps/server/test/metric.ts'
import { residentBytes } from '../machine/proc-stats.ts'
import type { BenchServer } from './start-servers.ts'

/** Parley's storage write histogram: cumulative count per upper bound in seconds (+Inf included). */
export async function storageWriteBuckets(http: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>()
  const text = await (await fetch(`${http}/api/metrics`)).text()
  for (const line of text.split('\n')) {
    const match = line.match(/^parley_storage_write_seconds_bucket\{le="([^"]+)"\} (\S+)$/)
    if (match) buckets.set(match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]), Number(match[2]))
  }
  return buckets
}

/** Parley's /api/health status code (0 when it does not answer within 5 s). */
export async function healthStatus(http: string): Promise<number> {
  try {
    return (await fetch(`${http}/api/health`, { signal: AbortSignal.timeout(5_000) })).status
  } catch {
    return 0
  }
}

/** Resident memory: Parley's own metric, the kernel's VmRSS for the others. */
export async function serverRss(server: BenchServer): Promise<number> {
  if (server.kind === 'parley') return metric(server.http, 'process_resident_memory_bytes')
  return residentBytes(server.pid)
}

/** Waits (at most `maxMs`) until the server counts at most `count` connections; the others cannot say, so it waits a moment. */
export async function settleConnections(server: BenchServer, count: number, maxMs = 10_000): Promise<void> {
  if (server.kind !== 'parley') return Bun.sleep(500)
  const deadline = performance.now() + maxMs
  while ((await metric(server.http, 'parley_connections')) > count && performance.now() < deadline) await Bun.sleep(100)
}
