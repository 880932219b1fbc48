/** How long an idle task waits at most for the browser to be idle. */
const IDLE_TIMEOUT_MS = 2_000

/**
 * Runs `task` once the browser has nothing more urgent to do (at the latest after 2 s), or
 * a moment later where there is no `requestIdleCallback` (Safari). Returns the way to cancel it.
 */
export function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS })
    return () => window.cancelIdleCallback(id)
  }
  const id = window.setTimeout(task, 100)
  return () => window.clearTimeout(id)
}
