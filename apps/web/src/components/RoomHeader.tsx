import { lazy, Suspense, useState } from 'react'
import { useRoomSettings } from '../chat/hooks/useRoomRights.ts'
import { useRoomTitle } from '../chat/hooks/useRoomTitle.ts'
import { HeaderMoreMenu } from './HeaderMoreMenu.tsx'
import { HashIcon, LockIcon, MenuIcon, PeopleIcon, SlidersIcon } from './icons.tsx'
import { MessageText } from './MessageText.tsx'
import { NotifyToggle } from './NotifyToggle.tsx'
import type { Panel } from './panel.ts'
import { RoomNotifyLevel } from './RoomNotifyLevel.tsx'
import { SearchButton } from './SearchButton.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'
import { useWideScreen } from './useWideScreen.ts'

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

// The settings load when first opened: most visits never open them.
const RoomSettingsDialog = lazy(() => import('./room-settings/RoomSettingsDialog.tsx'))
const NO_NAMES: string[] = []

const toggleClass =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink'

/**
 * The room's name (a lock for a private room) and its topic, the room's settings, the
 * search, the room's notification level, the theme and notification switches, and on narrow
 * screens the buttons for the drawers. On a phone the settings, the notification level and
 * the two switches go behind one "More actions" button, so the name and topic keep the room
 * to be read; the search and the people stay in sight.
 */
export function RoomHeader({ room, people, panel, onToggle, searchOpen, onSearch, onSearchHint }: RoomHeaderProps) {
  const settings = useRoomSettings(room)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const topic = settings?.topic ?? ''
  const { title, direct } = useRoomTitle(room)
  const wide = useWideScreen()
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

      <div className="flex min-w-0 flex-1 flex-col justify-center">
        <h1 className="flex min-w-0 items-center gap-1.5 text-base leading-6 font-semibold text-ink">
          {settings?.private ? (
            <LockIcon className="size-4 shrink-0 text-muted" />
          ) : (
            <HashIcon className="size-4.5 shrink-0 text-muted" />
          )}
          <span data-testid="room-title" className="truncate">
            {title}
          </span>
          {settings?.private && <span className="sr-only">{direct ? '(direct conversation)' : '(private room)'}</span>}
        </h1>
        {topic !== '' && (
          <div
            data-testid="room-topic"
            title={topic}
            className="truncate text-xs leading-4 text-muted [&_*]:inline [&_blockquote]:border-0 [&_blockquote]:p-0 [&_pre]:p-0"
          >
            <span className="sr-only">Topic: </span>
            <MessageText text={topic} names={NO_NAMES} me={null} />
          </div>
        )}
      </div>

      {wide && (
        <button
          type="button"
          aria-label="Room settings"
          aria-haspopup="dialog"
          title="Room settings"
          onClick={() => setSettingsOpen(true)}
          className={toggleClass}
        >
          <SlidersIcon className="size-4.5" />
        </button>
      )}
      {settingsOpen && (
        <Suspense fallback={null}>
          <RoomSettingsDialog room={room} onClose={() => setSettingsOpen(false)} />
        </Suspense>
      )}

      <SearchButton open={searchOpen} onOpen={onSearch} onHint={onSearchHint} />
      {wide ? (
        <>
          <RoomNotifyLevel room={room} />
          <NotifyToggle />
          <ThemeToggle />
        </>
      ) : (
        <HeaderMoreMenu room={room} onSettings={() => setSettingsOpen(true)} />
      )}

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
