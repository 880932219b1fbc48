import { DEFAULT_NOTIFY_LEVEL, NOTIFY_LEVELS, type NotifyLevel } from '@parley/events/rules'
import { useId } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { AtIcon, BubbleIcon, BubbleOffIcon } from './icons.tsx'

const LABELS: Record<NotifyLevel, string> = {
  all: 'All messages',
  mentions: 'Mentions only',
  nothing: 'Nothing',
}

/** On narrow screens the select is an icon's size and the icon says the level. */
const ICONS = { all: BubbleIcon, mentions: AtIcon, nothing: BubbleOffIcon } as const

const isLevel = (value: string): value is NotifyLevel => (NOTIFY_LEVELS as readonly string[]).includes(value)

/**
 * How much the room calls for attention (all messages, mentions only, nothing): kept by
 * the server for this session, so every tab and device of it follows the choice. A native
 * select, so the keyboard and screen readers work it as any other; on narrow screens it
 * takes an icon's room, the icon saying the level.
 */
export function RoomNotifyLevel({ room }: { room: string }) {
  const level = useChatSelector((state) => state.notify[room] ?? DEFAULT_NOTIFY_LEVEL)
  const { setNotifyLevel } = useChatActions()
  const id = useId()
  const Shown = ICONS[level]
  return (
    <div className="relative shrink-0">
      <label htmlFor={id} className="sr-only">
        Notifications in #{room}
      </label>
      <select
        id={id}
        value={level}
        title={`Notifications in #${room}`}
        onChange={(event) => {
          const chosen = event.target.value
          if (isLevel(chosen)) setNotifyLevel(room, chosen)
        }}
        className="h-9 w-9 appearance-none rounded-lg bg-transparent text-transparent transition hover:bg-hover sm:w-auto sm:max-w-32 sm:appearance-auto sm:border sm:border-line sm:bg-surface sm:px-1.5 sm:text-xs sm:text-muted sm:hover:text-ink"
      >
        {NOTIFY_LEVELS.map((option) => (
          <option key={option} value={option} className="bg-surface text-ink">
            {LABELS[option]}
          </option>
        ))}
      </select>
      <Shown className="pointer-events-none absolute inset-0 m-auto size-4.5 text-muted sm:hidden" />
    </div>
  )
}
