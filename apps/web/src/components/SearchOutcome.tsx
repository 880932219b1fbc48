import type { SearchPhase, SearchState } from '../chat/model/search.ts'

const EXAMPLES: { syntax: string; meaning: string }[] = [
  { syntax: 'lunch plans', meaning: 'messages with every word' },
  { syntax: '"lunch at noon"', meaning: 'those words together' },
  { syntax: 'from:alice', meaning: 'written by alice' },
  { syntax: 'in:general', meaning: 'in #general' },
  { syntax: 'after:2026-01-01', meaning: 'after a day (or before:)' },
]

/** What can be typed: shown while the box is empty, and under a search the server could not make of the words. */
export function SearchHelp({
  id,
  intro = 'Search the messages of every room. You can combine:',
}: {
  id?: string
  intro?: string
}) {
  return (
    <div id={id} className="px-2 py-3 text-sm text-muted">
      <p>{intro}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5">
        {EXAMPLES.map(({ syntax, meaning }) => (
          <div key={syntax} className="contents">
            <dt>
              <code className="rounded bg-sunken px-1.5 py-0.5 text-[13px] text-ink-soft">{syntax}</code>
            </dt>
            <dd className="self-center">{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

interface SearchStatusProps {
  phase: Exclude<SearchPhase, 'idle'>
  state: SearchState
  onRetry(): void
}

/** Above the results: searching, nothing found, or why the search failed (with Try again). */
export function SearchStatus({ phase, state, onRetry }: SearchStatusProps) {
  switch (phase) {
    case 'searching':
      return <p className="px-2 py-3 text-sm text-muted">Searching…</p>
    case 'empty':
      return (
        <div className="px-2 py-3 text-sm text-muted">
          <p className="font-medium text-ink-soft">No messages match “{state.asked?.query}”.</p>
          <p className="mt-1">Try fewer words, another spelling, or no filters.</p>
        </div>
      )
    case 'failed':
      return (
        <>
          <div className="px-2 pt-3 text-sm" data-testid="search-error">
            <p className="text-rose-700 dark:text-rose-300">{state.error}</p>
            {state.retryable && state.pending === null && (
              <button
                type="button"
                onClick={onRetry}
                className="mt-2 rounded-lg border border-line-strong px-3 py-1 font-semibold text-ink hover:bg-hover"
              >
                Try again
              </button>
            )}
          </div>
          {!state.retryable && state.asked !== null && <SearchHelp intro="A search can combine:" />}
        </>
      )
    case 'found':
      return null
  }
}

/** Below the results: the button for the next page, why it failed, or that there is no more. */
export function MoreResults({ state, onMore }: { state: SearchState; onMore(): void }) {
  const loading = state.pending?.kind === 'more'
  if (state.nextCursor === null) {
    return <p className="px-3 pt-3 pb-1 text-center text-xs text-muted">No more results.</p>
  }
  return (
    <div className="px-2 pt-2 pb-1 text-center">
      {state.moreError !== null && <p className="mb-2 text-sm text-rose-700 dark:text-rose-300">{state.moreError}</p>}
      <button
        type="button"
        onClick={onMore}
        disabled={loading}
        className="rounded-lg border border-line-strong px-3 py-1.5 text-sm font-semibold text-ink hover:bg-hover disabled:cursor-wait disabled:opacity-70"
      >
        {loading ? 'Loading more…' : 'Load more results'}
      </button>
    </div>
  )
}
