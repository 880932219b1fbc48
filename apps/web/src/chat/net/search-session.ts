import { describeError, isTransient } from '../model/errors.ts'
import {
  type AskedSearch,
  initialSearch,
  moreToAsk,
  type SearchAction,
  type SearchOrder,
  type SearchState,
  searchReducer,
  searchToAsk,
} from '../model/search.ts'
import type { Requester } from './sync.ts'

/** How long typing must pause before the words are searched for. */
export const SEARCH_DEBOUNCE_MS = 250
/** Results asked for at a time. */
export const SEARCH_PAGE_SIZE = 20
const SEARCH_TIMEOUT_MS = 10_000

/** Starts a timer; returns the way to stop it (tests hand in their own clock). */
export type StartTimer = (run: () => void, ms: number) => () => void

const realTimer: StartTimer = (run, ms) => {
  const timer = setTimeout(run, ms)
  return () => clearTimeout(timer)
}

/** The search box's words, order and results, and the requests behind them. */
export interface SearchSession {
  getState(): SearchState
  subscribe(listener: () => void): () => void
  /** The box's words changed: they are searched for once typing pauses. */
  type(text: string): void
  /** Newest first or best match first: asked again at once. */
  setOrder(order: SearchOrder): void
  /** Searches for the box's words now, without waiting for typing to pause (Enter). */
  flush(): void
  /** Asks for the next page of results, if there is one and nothing is awaited. */
  more(): void
  /** Asks again for the search that failed on the connection (its words and order). */
  retry(): void
  /** Stops the timer; answers still on their way are dropped. */
  dispose(): void
}

/**
 * A search session over `client`: typing is debounced (so a burst of keys costs one
 * request, within the server's rate limit), every request has an id, and only the answer
 * to the request awaited counts, so a slow answer to earlier words never shows.
 */
export function createSearchSession(client: Requester, startTimer: StartTimer = realTimer): SearchSession {
  let state = initialSearch
  let lastId = 0
  let stopTimer: (() => void) | null = null
  let disposed = false
  const listeners = new Set<() => void>()

  function dispatch(action: SearchAction): void {
    const next = searchReducer(state, action)
    if (next === state) return
    state = next
    for (const listener of [...listeners]) listener()
  }

  function cancelTimer(): void {
    stopTimer?.()
    stopTimer = null
  }

  function ask(search: AskedSearch, cursor?: string): void {
    lastId += 1
    const id = lastId
    dispatch(cursor === undefined ? { type: 'asked', id, search } : { type: 'askedMore', id })
    client
      .request(
        'search',
        {
          query: search.query,
          order: search.order,
          limit: SEARCH_PAGE_SIZE,
          ...(cursor === undefined ? {} : { cursor }),
        },
        { timeout: SEARCH_TIMEOUT_MS },
      )
      .then(
        (answer) => {
          if (!disposed) dispatch({ type: 'answered', id, results: answer.results, nextCursor: answer.nextCursor })
        },
        (error: unknown) => {
          if (!disposed) dispatch({ type: 'failed', id, error: describeError(error), retryable: isTransient(error) })
        },
      )
  }

  function askNow(): void {
    cancelTimer()
    const search = searchToAsk(state)
    if (search !== null) ask(search)
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    type(text) {
      dispatch({ type: 'typed', text })
      cancelTimer()
      if (searchToAsk(state) !== null) stopTimer = startTimer(askNow, SEARCH_DEBOUNCE_MS)
    },
    setOrder(order) {
      dispatch({ type: 'ordered', order })
      askNow()
    },
    flush: askNow,
    more() {
      const next = moreToAsk(state)
      if (next !== null) ask(next, next.cursor)
    },
    retry() {
      if (state.asked !== null && state.retryable && state.pending === null) ask(state.asked)
    },
    dispose() {
      disposed = true
      cancelTimer()
      listeners.clear()
    },
  }
}
