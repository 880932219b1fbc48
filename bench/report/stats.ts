// Percentiles, the one statistic the figures are made of.

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
