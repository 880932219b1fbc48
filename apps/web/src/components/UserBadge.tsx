import { useChatActions, useChatSelector, useChatStatus } from '../chat/context.ts'
import { Avatar } from './Avatar.tsx'

const dotByStatus = {
  open: 'bg-emerald-500',
  connecting: 'bg-slate-400',
  reconnecting: 'bg-amber-500',
  closed: 'bg-rose-500',
} as const

const labelByStatus = {
  open: 'Online',
  connecting: 'Offline',
  reconnecting: 'Offline',
  closed: 'Offline',
} as const

/** Who you are, whether you are connected, and the way out. */
export function UserBadge() {
  const username = useChatSelector((state) => state.username)
  const status = useChatStatus()
  const { signOut } = useChatActions()
  if (username === null) return null

  return (
    <div className="flex shrink-0 items-center gap-2.5 border-t border-line px-4 py-3">
      <span className="relative">
        <Avatar name={username} />
        <span
          aria-hidden="true"
          className={`absolute -right-0.5 -bottom-0.5 size-3 rounded-full border-2 border-canvas ${dotByStatus[status]}`}
        />
      </span>
      <div className="min-w-0 flex-1 leading-tight">
        <p className="truncate text-sm font-medium text-ink">{username}</p>
        <p className="text-xs text-muted">{labelByStatus[status]}</p>
      </div>
      <button
        type="button"
        onClick={() => void signOut()}
        className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-muted transition hover:bg-hover hover:text-ink"
      >
        Sign out
      </button>
    </div>
  )
}
