import { Avatar } from './Avatar.tsx'

interface PresenceSidebarProps {
  room: string
  users: string[]
  username: string
}

/** Who is in the room on screen, kept live by join and leave pushes. */
export function PresenceSidebar({ room, users, username }: PresenceSidebarProps) {
  const people = [...new Set(users)].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))

  return (
    <aside aria-label={`People in ${room}`} className="flex h-full min-h-0 flex-col">
      <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-4">
        <h2 className="text-sm font-semibold text-slate-900">People</h2>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 tabular-nums">
          {people.length}
          <span className="sr-only"> in #{room}</span>
        </span>
      </div>
      <ul className="min-h-0 flex-1 space-y-0.5 overflow-y-auto p-2">
        {people.map((person) => (
          <li key={person} className="flex items-center gap-2.5 rounded-md px-2 py-1.5">
            <span className="relative">
              <Avatar name={person} size="sm" />
              <span
                aria-hidden="true"
                className="absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full border-2 border-white bg-emerald-500"
              />
            </span>
            <span
              className={`min-w-0 truncate text-sm ${
                person === username
                  ? "font-medium text-slate-900 after:ml-1.5 after:text-xs after:font-normal after:text-slate-400 after:content-['(you)']"
                  : 'text-slate-700'
              }`}
            >
              {person}
            </span>
          </li>
        ))}
        {people.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-400">Nobody here yet.</li>}
      </ul>
    </aside>
  )
}
