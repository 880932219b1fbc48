import type { SearchResult } from '@parley/events'
import { memo } from 'react'
import { formatFullDateTime } from '../chat/model/format.ts'
import { formatResultTime } from '../chat/model/search-time.ts'

interface SearchResultOptionProps {
  id: string
  result: SearchResult
  active: boolean
  now: number
  onChoose(result: SearchResult): void
  onPoint(): void
}

/** The words around the match, the matching ones marked: always text, never markup from the server. */
function Snippet({ parts }: { parts: SearchResult['snippet'] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move; their place is who they are
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-ink dark:bg-amber-400/30">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

/**
 * One found message, as an option of the results list: its room, author and time, and
 * the words around the match. The list's box keeps the focus; the active option is marked.
 */
export const SearchResultOption = memo(function SearchResultOption({
  id,
  result,
  active,
  now,
  onChoose,
  onPoint,
}: SearchResultOptionProps) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the search box keeps the focus and takes the keys (arrows, Enter)
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      data-testid="search-result"
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onChoose(result)}
      onPointerMove={active ? undefined : onPoint}
      className={`cursor-pointer scroll-my-2 rounded-lg border-l-2 px-3 py-2 ${
        active ? 'border-accent-500 bg-accent-50 dark:bg-accent-500/15' : 'border-transparent hover:bg-hover'
      }`}
    >
      <div className="flex min-w-0 items-baseline gap-2 text-[13px]">
        <span className="min-w-0 truncate font-semibold text-ink">{result.username}</span>
        <span className="sr-only">in</span>
        <span className="min-w-0 truncate text-muted">#{result.room}</span>
        <span className="sr-only">,</span>
        <time
          dateTime={new Date(result.timestamp).toISOString()}
          title={formatFullDateTime(result.timestamp)}
          className="ml-auto shrink-0 text-xs text-muted tabular-nums"
        >
          {formatResultTime(result.timestamp, now)}
        </time>
        <span className="sr-only">:</span>
      </div>
      <p className="mt-0.5 line-clamp-3 text-sm break-words text-ink-soft" data-testid="search-snippet">
        <Snippet parts={result.snippet} />
      </p>
    </div>
  )
})
