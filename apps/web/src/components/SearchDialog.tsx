import type { SearchResult } from '@parley/events'
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useSearch } from '../chat/hooks/useSearch.ts'
import { describeError } from '../chat/model/errors.ts'
import { resultKey, type SearchOrder, searchAnnouncement, searchPhase } from '../chat/model/search.ts'
import { CloseIcon, SearchIcon } from './icons.tsx'
import { MoreResults, SearchHelp, SearchStatus } from './SearchOutcome.tsx'
import { SearchResultOption } from './SearchResultOption.tsx'

interface SearchDialogProps {
  open: boolean
  /** Goes up each time the search is asked for (Ctrl/⌘+K again): the focus goes back to the box. */
  focusRequest: number
  onClose(): void
  /** Opens the room at the message; rejects with the reason when it cannot. */
  onChoose(result: SearchResult): Promise<void>
}

const ORDERS: { order: SearchOrder; label: string }[] = [
  { order: 'newest', label: 'Newest' },
  { order: 'relevance', label: 'Best match' },
]

/**
 * The search of every room's messages, in a modal dialog (a full-screen sheet on a phone):
 * a combobox whose list is the results. Typing searches once it pauses; ↑ and ↓ move
 * through the results and Enter opens one; Escape clears the box, then closes. It stays
 * mounted while closed, so the words and results are there when it opens again.
 */
export default function SearchDialog({ open, focusRequest, onClose, onChoose }: SearchDialogProps) {
  const id = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const { state, session } = useSearch()
  const [active, setActive] = useState(-1)
  /** Why the result chosen last could not be opened, in words. */
  const [openError, setOpenError] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const phase = searchPhase(state)
  const { results } = state
  const listId = `${id}-results`
  const optionId = (index: number) => `${id}-result-${index}`

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      setNow(Date.now())
    } else if (!open && dialog.open) dialog.close()
  }, [open])

  // biome-ignore lint/correctness/useExhaustiveDependencies: each request for the search puts the focus back in the box
  useEffect(() => {
    if (!open) return
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [open, focusRequest])

  const latestClose = useRef(onClose)
  latestClose.current = onClose
  useEffect(() => {
    const dialog = dialogRef.current
    const closed = () => latestClose.current()
    dialog?.addEventListener('close', closed)
    return () => dialog?.removeEventListener('close', closed)
  }, [])

  // New results (not a further page): nothing is chosen yet.
  const firstKey = results[0] ? resultKey(results[0]) : null
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new first result means a new list
  useEffect(() => setActive(-1), [firstKey, state.asked])

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  })

  const choose = useCallback(
    (result: SearchResult) => {
      setOpenError(null)
      onChoose(result).catch((error: unknown) => setOpenError(describeError(error)))
    },
    [onChoose],
  )

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault()
        if (results.length === 0) return
        if (active === results.length - 1) session?.more()
        setActive(Math.min(active + 1, results.length - 1))
        return
      }
      case 'ArrowUp':
        event.preventDefault()
        setActive(Math.max(active - 1, results.length > 0 ? 0 : -1))
        return
      case 'Enter': {
        event.preventDefault()
        const chosen = results[active]
        if (chosen) choose(chosen)
        else session?.flush()
        return
      }
      case 'Escape':
        // The first Escape empties the box; with nothing in it, the dialog closes.
        if (state.text === '') return
        event.preventDefault()
        session?.type('')
        return
    }
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; Escape does from the keyboard
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose()
      }}
      className="m-0 h-dvh max-h-none w-full max-w-none flex-col overflow-hidden bg-surface text-ink open:flex backdrop:bg-slate-950/50 sm:mx-auto sm:mt-[10vh] sm:h-fit sm:max-h-[min(40rem,80vh)] sm:w-[min(40rem,calc(100vw-2rem))] sm:rounded-2xl sm:border sm:border-line sm:shadow-2xl"
    >
      <h2 id={`${id}-title`} className="sr-only">
        Search messages
      </h2>
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line px-3">
        <SearchIcon className="size-5 shrink-0 text-muted" />
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label="Search messages"
          aria-autocomplete="list"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-describedby={phase === 'idle' ? `${id}-help` : undefined}
          enterKeyHint="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="Search messages"
          value={state.text}
          onChange={(event) => session?.type(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-9 min-w-0 flex-1 rounded-md bg-transparent px-1 text-base text-ink placeholder:text-muted focus-visible:outline-offset-1"
        />
        {state.pending !== null && (
          <span
            aria-hidden="true"
            data-testid="search-busy"
            className="size-4 shrink-0 animate-spin rounded-full border-2 border-line border-t-muted motion-reduce:animate-none"
          />
        )}
        <button
          type="button"
          aria-label="Close search"
          onClick={onClose}
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted hover:bg-hover hover:text-ink"
        >
          <CloseIcon className="size-4.5" />
        </button>
      </div>

      <div className="flex shrink-0 items-center gap-2 border-b border-line px-3 py-2 text-sm">
        <fieldset className="flex items-center gap-2">
          <legend className="float-left mr-2 text-muted">Sort</legend>
          <div className="flex rounded-lg bg-sunken p-0.5">
            {ORDERS.map(({ order, label }) => (
              <button
                key={order}
                type="button"
                aria-pressed={state.order === order}
                onClick={() => {
                  session?.setOrder(order)
                  inputRef.current?.focus()
                }}
                className={`rounded-md px-2.5 py-1 font-medium transition ${
                  state.order === order
                    ? 'bg-raised text-ink shadow-sm ring-1 ring-line-strong dark:bg-slate-700'
                    : 'text-muted hover:text-ink'
                }`}
              >
                {label}
              </button>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-2" aria-busy={state.pending !== null}>
        {phase === 'idle' ? (
          <SearchHelp id={`${id}-help`} />
        ) : (
          <SearchStatus phase={phase} state={state} onRetry={() => session?.retry()} />
        )}
        {results.length > 0 && (
          <div
            id={listId}
            role="listbox"
            aria-label="Found messages"
            className={`space-y-0.5 ${state.pending?.kind === 'first' ? 'opacity-60' : ''}`}
          >
            {results.map((result, index) => (
              <SearchResultOption
                key={resultKey(result)}
                id={optionId(index)}
                result={result}
                active={index === active}
                now={now}
                onChoose={choose}
                onPoint={() => setActive(index)}
              />
            ))}
          </div>
        )}
        {results.length > 0 && (
          <MoreResults
            state={state}
            onMore={() => {
              session?.more()
              // The button goes once the last page is in: the box keeps the focus, and ↓ goes on.
              inputRef.current?.focus()
            }}
          />
        )}
      </div>

      {openError !== null && (
        <p role="alert" className="shrink-0 border-t border-line px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
          {openError}
        </p>
      )}
      <p role="status" className="sr-only" data-testid="search-announcement">
        {searchAnnouncement(state)}
      </p>
    </dialog>
  )
}
