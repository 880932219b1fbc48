import type { Panel } from './ChatLayout.tsx'
import { HashIcon, MenuIcon, PeopleIcon } from './icons.tsx'

interface RoomHeaderProps {
  room: string
  people: number
  panel: Panel | null
  onToggle(panel: Panel | null): void
}

const toggleClass =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-accent-500'

/** The room's name, and on narrow screens the buttons that bring out the rooms and people panels. */
export function RoomHeader({ room, people, panel, onToggle }: RoomHeaderProps) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 px-2 sm:px-4">
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

      <h1 className="flex min-w-0 flex-1 items-center gap-1.5 text-base font-semibold text-slate-900">
        <HashIcon className="size-4.5 shrink-0 text-slate-400" />
        <span className="truncate">{room}</span>
      </h1>

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
