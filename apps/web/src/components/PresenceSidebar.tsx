import { Avatar } from './Avatar.tsx'

interface PresenceSidebarProps {
  room: string
  users: string[]
  username: string
  /** Closes the drawer (narrow screens). */
  onClose(): void
}

/** Who is in the room on screen, kept live by join and leave pushes. */
export function PresenceSidebar({ room, users, username, onClose }: PresenceSidebarProps) {
  const people = [...new Set(users)].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))

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
      <ul className="min-h-0 flex-1 space-y-0.5 overflow-y-auto p-2">
        {people.map((person) => (
          <li key={person} className="flex items-center gap-2.5 rounded-md px-2 py-1.5">
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
          </li>
        ))}
        {people.length === 0 && <li className="px-2 py-1.5 text-sm text-muted">Nobody here yet.</li>}
      </ul>
    </aside>
  )
}
