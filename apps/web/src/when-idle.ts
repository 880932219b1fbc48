/** How long an idle task waits at most for the browser to be idle. */
const IDLE_TIMEOUT_MS = 2_000
/** The paint-timing entry of the page's first text or image. */
const FIRST_CONTENT = 'first-contentful-paint'
/** How long a task waits at most for the first paint (a tab opened in the background paints only once shown). */
const PAINT_TIMEOUT_MS = 3_000

/**
 * Runs `task` once the browser has nothing more urgent to do (at the latest after 2 s), or
 * a moment later where there is no `requestIdleCallback` (Safari). Returns the way to cancel it.
 */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS })
    return () => window.cancelIdleCallback(id)
  }
  const id = window.setTimeout(task, 100)
  return () => window.clearTimeout(id)
}

/**
 * Runs `task` once the page has painted its first content and then the browser is idle:
 * what it fetches takes nothing from the first paint. Where paint timing is not reported,
 * or the page does not paint within 3 s, it waits for idleness alone. Returns the way to cancel it.
 */
export function whenPaintedAndIdle(task: () => void): () => void {
  let cancelIdle: (() => void) | undefined
  const idle = () => {
    observer?.disconnect()
    window.clearTimeout(late)
    cancelIdle ??= whenIdle(task)
  }
  const observer =
    performance.getEntriesByName(FIRST_CONTENT).length === 0 &&
    PerformanceObserver.supportedEntryTypes?.includes('paint')
      ? new PerformanceObserver((entries) => {
          if (entries.getEntriesByName(FIRST_CONTENT).length > 0) idle()
        })
      : undefined
  const late = window.setTimeout(idle, observer ? PAINT_TIMEOUT_MS : 0)
  observer?.observe({ type: 'paint' })
  return () => {
    observer?.disconnect()
    window.clearTimeout(late)
    cancelIdle?.()
  }
}
