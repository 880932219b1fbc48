import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, useState } from 'react'
import { useRoomRights, useRoomSettings } from '../chat/hooks/useRoomRights.ts'
import { foldName } from '../chat/model/mentions.ts'
import { Avatar } from './Avatar.tsx'
import { PersonDialog } from './PersonDialog.tsx'

/** Each person's row is this tall (h-9), so the list can draw only the rows in view. */
const ROW_HEIGHT = 36
/** The list's padding above the first row and below the last (as p-2). */
const EDGE = 8
/** Rows drawn beyond each end of the view, so a quick scroll shows no gap. */
const OVERSCAN = 10
/** From this many people on, only the rows in view are drawn; a shorter list is drawn whole. */
const WINDOWED_FROM = 200

interface PresenceSidebarProps {
  room: string
  /** Everyone in the room, already in the order to list them (the store keeps it sorted). */
  users: string[]
  username: string
  /** Closes the drawer (narrow screens). */
  onClose(): void
}

/**
 * Who is in the room on screen, kept live by join and leave pushes. Only the rows in view
 * (and a few either side) are drawn, so a room of thousands scrolls and updates quickly.
 * Each other person has a button for what we can do with them: message them privately,
 * and for the room's owner, moderators and the operator, moderate them (a moderator's
 * spares the owner and the other moderators, whom only the owner may touch).
 */
export function PresenceSidebar({ room, users: people, username, onClose }: PresenceSidebarProps) {
  const scrollerRef = useRef<HTMLDivElement>(null)
  const rights = useRoomRights(room)
  const settings = useRoomSettings(room)
  const [chosen, setChosen] = useState<string | null>(null)
  const runsRoom = (person: string) => {
    const name = foldName(person)
    return (
      (settings?.owner !== undefined && foldName(settings.owner) === name) ||
      (settings?.moderators.some((moderator) => foldName(moderator) === name) ?? false)
    )
  }
  const mayModerate = (person: string) =>
    rights.moderate && foldName(person) !== foldName(username) && (rights.manage || !runsRoom(person))
  const windowed = people.length >= WINDOWED_FROM
  const virtualizer = useVirtualizer({
    enabled: windowed,
    count: people.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => people[index] ?? index,
    overscan: OVERSCAN,
    paddingStart: EDGE,
    paddingEnd: EDGE,
  })
  const items = windowed ? virtualizer.getVirtualItems() : []
  const shown = windowed ? items.map((item) => item.index) : people.map((_, index) => index)
  const before = items[0]?.start ?? EDGE
  const after = windowed ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? EDGE) : EDGE

  return (
    <aside aria-label={`People in ${room}`} className="flex h-full min-h-0 flex-col">
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line px-4">
        <h2 className="flex-1 text-sm font-semibold text-ink">People</h2>
        <span className="rounded-full bg-sunken px-2 py-0.5 text-xs font-medium text-ink-soft tabular-nums">
          {people.length}
          <span className="sr-only"> in #{room}</span>
        </span>
        {/* Text, not an icon: nothing but people's names and plain text is drawn in this list's panel. */}
        <button
          type="button"
          onClick={onClose}
          className="rounded-lg px-2 py-1 text-sm font-medium text-muted hover:bg-hover hover:text-ink lg:hidden"
        >
          Close
        </button>
      </div>
      {/* The rows not drawn are padding inside the scroller, never on it: the scroller's own padding would stretch it. */}
      <div ref={scrollerRef} className="min-h-0 flex-1 overflow-y-auto px-2">
        <ul style={{ paddingTop: before, paddingBottom: after }}>
          {shown.map((index) => {
            const person = people[index] ?? ''
            return (
              <li
                key={person}
                aria-setsize={people.length}
                aria-posinset={index + 1}
                className="flex h-9 items-center gap-2.5 rounded-md px-2"
              >
                <span className="relative">
                  <Avatar name={person} size="sm" />
                  <span
                    aria-hidden="true"
                    className="absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full border-2 border-surface bg-emerald-500"
                  />
                </span>
                <span
                  className={`min-w-0 truncate text-sm ${
                    person === username
                      ? "font-medium text-ink after:ml-1.5 after:text-xs after:font-normal after:text-muted after:content-['(you)']"
                      : 'text-ink-soft'
                  }`}
                >
                  {person}
                </span>
                {foldName(person) !== foldName(username) && (
                  <button
                    type="button"
                    aria-label={mayModerate(person) ? `Moderate ${person}` : `Actions for ${person}`}
                    title={mayModerate(person) ? `Message or moderate ${person}` : `Message ${person} privately`}
                    aria-haspopup="dialog"
                    onClick={() => setChosen(person)}
                    className="ml-auto inline-flex size-8 shrink-0 items-center justify-center rounded-md text-base font-semibold text-muted hover:bg-hover hover:text-ink"
                  >
                    …
                  </button>
                )}
              </li>
            )
          })}
          {people.length === 0 && <li className="flex h-9 items-center px-2 text-sm text-muted">Nobody here yet.</li>}
        </ul>
      </div>
      {chosen !== null && (
        <PersonDialog
          room={room}
          person={chosen}
          moderate={mayModerate(chosen)}
          onOpened={onClose}
          onClose={() => setChosen(null)}
        />
      )}
    </aside>
  )
}
