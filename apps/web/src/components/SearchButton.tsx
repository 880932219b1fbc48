import { SearchIcon } from './icons.tsx'

/** Whether this is a Mac, where the search key is ⌘K rather than Ctrl+K. */
function onMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

interface SearchButtonProps {
  open: boolean
  onOpen(): void
  /** The pointer or the focus came near: a good moment to start loading the search. */
  onHint?(): void
}

/**
 * Opens the search of every room's messages: a box-like button with its key on wider
 * screens, an icon on a phone. Ctrl/⌘+K or `/` does the same from the keyboard.
 */
export function SearchButton({ open, onOpen, onHint }: SearchButtonProps) {
  const key = onMac() ? '⌘K' : 'Ctrl K'
  return (
    <button
      type="button"
      aria-label="Search"
      onClick={onOpen}
      onPointerEnter={onHint}
      onFocus={onHint}
      aria-haspopup="dialog"
      aria-expanded={open}
      aria-keyshortcuts="Control+K Meta+K /"
      title={`Search messages (${key} or /)`}
      className="inline-flex size-9 shrink-0 items-center justify-center gap-2 rounded-lg text-muted transition hover:bg-hover hover:text-ink sm:w-44 sm:justify-start sm:border sm:border-line sm:bg-sunken sm:px-2.5 sm:text-sm lg:w-56"
    >
      <SearchIcon className="size-4.5 shrink-0 sm:size-4" />
      <span aria-hidden="true" className="hidden sm:inline sm:flex-1 sm:text-left">
        Search
      </span>
      <kbd className="hidden rounded border border-line-strong bg-surface px-1.5 font-sans text-[11px] font-medium text-muted sm:inline">
        {key}
      </kbd>
    </button>
  )
}
