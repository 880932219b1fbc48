/**
 * Delay before reconnect attempt `attempt` (0-based): the first within `first` ms,
 * then exponential growth with full jitter, capped at `max`.
 */
export function reconnectDelay(
  attempt: number,
  first: number,
  max: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(max, first * 2 ** attempt)
  return Math.floor(random() * ceiling)
}
