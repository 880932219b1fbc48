import { browserStorageKeys } from '@parley/events/rules'

/**
 * What the page does about a part of the app that failed to load: nothing happened yet,
 * it is reloading (or waiting to be online to reload), or it gave up and says so.
 */
export type RecoveryState = 'idle' | 'reloading' | 'failed'

/**
 * A tab reloads for a failed load at most once in this long. A second failure within it
 * (the reloaded page cannot load its parts either) is shown in words instead of reloading
 * again; after it, a later deploy can reload the tab once more.
 */
export const RELOAD_AGAIN_AFTER_MS = 60_000

const RELOADED_AT_KEY = browserStorageKeys.loadFailureReload

/** What recovery needs from the browser; the page's own by default (see `startLoadRecovery`). */
export interface RecoveryEnvironment {
  /** This tab's storage, where the time of the last recovery reload is kept. */
  storage(): Storage
  reload(): void
  now(): number
  /** Runs `then` now if the browser is online, else once it is back online. */
  whenOnline(then: () => void): void
}

/** The page's one recovery from failed loads. */
export interface LoadRecovery {
  readonly state: RecoveryState
  /**
   * A part of the app (a lazily loaded chunk) could not be loaded: reloads the page once, so
   * it comes back on the build the server has now; if this tab already did so within
   * `RELOAD_AGAIN_AFTER_MS`, or cannot remember whether it did, gives up (`failed`) instead.
   * Calls after the first do nothing.
   */
  recover(): void
  /** Calls `listener` whenever `state` changes; returns the way to stop. */
  subscribe(listener: () => void): () => void
}

/**
 * Whether `error` is a module that failed to load, in the words of Chromium, Firefox and
 * Safari, or a stylesheet that Vite's preloading could not load.
 */
export function isFailedLoad(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return /dynamically imported module|importing a module script failed|unable to preload css/i.test(error.message)
}

/** The time of this tab's last recovery reload; `undefined` when storage cannot be read. */
function lastReload(storage: () => Storage): number | null | undefined {
  try {
    const at = Number(storage().getItem(RELOADED_AT_KEY) ?? Number.NaN)
    return Number.isFinite(at) ? at : null
  } catch {
    return undefined
  }
}

function rememberReload(storage: () => Storage, at: number): boolean {
  try {
    storage().setItem(RELOADED_AT_KEY, String(at))
    return true
  } catch {
    return false
  }
}

/** Recovery on the given environment; see `startLoadRecovery` for the page's. */
export function createLoadRecovery(environment: RecoveryEnvironment): LoadRecovery {
  let state: RecoveryState = 'idle'
  const listeners = new Set<() => void>()

  function become(next: RecoveryState): void {
    state = next
    for (const listener of [...listeners]) listener()
  }

  return {
    get state() {
      return state
    },
    recover() {
      if (state !== 'idle') return
      const last = lastReload(environment.storage)
      // Unable to tell whether this page is itself such a reload: giving up is the only loop-free choice.
      if (last === undefined || (last !== null && environment.now() - last < RELOAD_AGAIN_AFTER_MS)) {
        become('failed')
        return
      }
      become('reloading')
      environment.whenOnline(() => {
        if (rememberReload(environment.storage, environment.now())) environment.reload()
        else become('failed')
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * Starts recovering this page from chunks that fail to load. Vite wraps every lazy
 * `import()` of a build and fires `vite:preloadError` on `window` when one fails (a tab
 * opened before a deploy asks for chunks the new build no longer has); the error still
 * reaches the importer, so callers that show it (an error boundary) keep working.
 */
export function startLoadRecovery(): LoadRecovery {
  const recovery = createLoadRecovery({
    storage: () => window.sessionStorage,
    reload: () => window.location.reload(),
    now: () => Date.now(),
    whenOnline(then) {
      if (navigator.onLine) then()
      else window.addEventListener('online', () => then(), { once: true })
    },
  })
  window.addEventListener('vite:preloadError', () => recovery.recover())
  return recovery
}
