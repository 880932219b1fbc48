import { HashIcon, MenuIcon, PeopleIcon } from './icons.tsx'
import { NotifyToggle } from './NotifyToggle.tsx'
import type { Panel } from './panel.ts'
import { SearchButton } from './SearchButton.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'

interface RoomHeaderProps {
  room: string
  people: number
  panel: Panel | null
  onToggle(panel: Panel | null): void
  searchOpen: boolean
  onSearch(): void
  /** The search may be wanted soon (pointer or focus on its button). */
  onSearchHint(): void
}

const toggleClass =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink'

/**
 * The room's name, the search, the theme and notification switches, and on narrow screens
 * the buttons for the drawers.
 */
export function RoomHeader({ room, people, panel, onToggle, searchOpen, onSearch, onSearchHint }: RoomHeaderProps) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-line px-2 sm:gap-2 sm:px-4">
      <button
        type="button"
        aria-label="Show rooms"
        aria-controls="room-list-panel"
        aria-expanded={panel === 'rooms'}
        onClick={() => onToggle(panel === 'rooms' ? null : 'rooms')}
        className={`${toggleClass} md:hidden`}
      >
        <MenuIcon className="size-5" />
      </button>

      <h1 className="flex min-w-0 flex-1 items-center gap-1.5 text-base font-semibold text-ink">
        <HashIcon className="size-4.5 shrink-0 text-muted" />
        <span className="truncate">{room}</span>
      </h1>

      <SearchButton open={searchOpen} onOpen={onSearch} onHint={onSearchHint} />
      <NotifyToggle />
      <ThemeToggle />

      <button
        type="button"
        aria-label="Show people"
        aria-controls="people-panel"
        aria-expanded={panel === 'people'}
        onClick={() => onToggle(panel === 'people' ? null : 'people')}
        className={`${toggleClass} w-auto gap-1.5 px-2.5 lg:hidden`}
      >
        <PeopleIcon className="size-4.5" />
        <span aria-hidden="true" className="text-sm font-medium tabular-nums">
          {people}
        </span>
      </button>
    </header>
  )
}
