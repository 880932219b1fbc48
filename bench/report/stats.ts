// Small numeric helpers for the figures.

/** The q-quantile (0..1) of already sorted values, by nearest rank; NaN when there are none. */
function rankOf(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** p50, p99 and the largest of `values` (NaN when there are none). */
export function percentiles(values: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(values).sort()
  return { p50: rankOf(sorted, 0.5), p99: rankOf(sorted, 0.99), max: rankOf(sorted, 1) }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Waits until `done()` holds, polling, for at most `maxMs`; says whether it held. */
export async function waitFor(done: () => boolean, maxMs: number, pollMs = 20): Promise<boolean> {
  const deadline = performance.now() + maxMs
  while (!done()) {
    if (performance.now() >= deadline) return false
    await sleep(pollMs)
  }
  return true
}

/** Runs `work` on every item with at most `limit` running at once. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0
  async function lane(): Promise<void> {
    while (next < items.length) {
      const index = next++
      await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
