import { lazy, Suspense, useState } from 'react'
import { useChatActions, useChatSelector, useChatStatus } from '../chat/context.ts'
import { Avatar } from './Avatar.tsx'
import { PhoneIcon } from './icons.tsx'

// The dialog and its QR code library load when first wanted.
const ContinueDialog = lazy(() => import('./ContinueDialog.tsx').then((module) => ({ default: module.ContinueDialog })))

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

/** Who you are, whether you are connected, carrying on on another device, and the way out. */
export function UserBadge() {
  const username = useChatSelector((state) => state.username)
  const status = useChatStatus()
  const { signOut } = useChatActions()
  const [continuing, setContinuing] = useState(false)
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
        aria-label="Continue on another device"
        title="Continue on another device"
        aria-haspopup="dialog"
        aria-expanded={continuing}
        onClick={() => setContinuing(true)}
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted transition hover:bg-hover hover:text-ink"
      >
        <PhoneIcon className="size-4.5" />
      </button>
      <button
        type="button"
        onClick={() => void signOut()}
        className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-muted transition hover:bg-hover hover:text-ink"
      >
        Sign out
      </button>
      {continuing && (
        <Suspense fallback={null}>
          <ContinueDialog onClose={() => setContinuing(false)} />
        </Suspense>
      )}
    </div>
  )
}
