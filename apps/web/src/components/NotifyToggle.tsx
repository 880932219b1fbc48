import { useState } from 'react'
import { setNotifyMentions, useNotifyState } from '../chat/browser/notifications.ts'
import { BellIcon, BellOffIcon } from './icons.tsx'
import { menuRowClass, SwitchLook } from './MenuRow.tsx'

const TITLES = {
  on: 'Notifying you when you are mentioned while Parley is in the background',
  off: 'Notify me when I am mentioned while Parley is in the background',
  blocked: 'Notifications are blocked for this site in the browser’s settings',
} as const

interface NotifyToggleProps {
  className?: string
  /** A row with words and a switch, for the header's "More" menu, instead of an icon. */
  row?: boolean
}

/**
 * Turns mention notifications on or off. The browser's permission is asked for only here,
 * when the reader clicks, never on load.
 */
export function NotifyToggle({ className = '', row = false }: NotifyToggleProps) {
  const state = useNotifyState()
  const [asking, setAsking] = useState(false)
  if (state === 'unsupported') return null
  const on = state === 'on'
  const Shown = on ? BellIcon : BellOffIcon

  async function toggle() {
    setAsking(true)
    try {
      await setNotifyMentions(!on)
    } finally {
      setAsking(false)
    }
  }

  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label="Notify me of mentions"
      aria-disabled={state === 'blocked' || undefined}
      title={TITLES[state]}
      disabled={asking}
      onClick={() => void (state === 'blocked' ? undefined : toggle())}
      className={
        row
          ? `${menuRowClass} ${className}`
          : `inline-flex size-9 shrink-0 items-center justify-center rounded-lg transition hover:bg-hover hover:text-ink ${
              on ? 'text-accent-ink' : 'text-muted'
            } ${className}`
      }
    >
      <Shown className={`size-4.5 shrink-0 ${row ? 'text-muted' : ''}`} />
      {row && (
        <>
          <span className="flex flex-1 flex-col">
            <span>Notify me of mentions</span>
            {state === 'blocked' && <span className="text-xs text-muted">Blocked in the browser’s settings</span>}
          </span>
          <SwitchLook on={on} />
        </>
      )}
    </button>
  )
}
