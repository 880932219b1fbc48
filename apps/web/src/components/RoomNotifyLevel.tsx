import { DEFAULT_NOTIFY_LEVEL, NOTIFY_LEVELS, type NotifyLevel } from '@parley/events/rules'
import { useId } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { AtIcon, BubbleIcon, BubbleOffIcon } from './icons.tsx'

const LABELS: Record<NotifyLevel, string> = {
  all: 'All messages',
  mentions: 'Mentions only',
  nothing: 'Nothing',
}

/** In the "More" menu, the row's icon says the level. */
const ICONS = { all: BubbleIcon, mentions: AtIcon, nothing: BubbleOffIcon } as const

const isLevel = (value: string): value is NotifyLevel => (NOTIFY_LEVELS as readonly string[]).includes(value)

interface RoomNotifyLevelProps {
  room: string
  /** A row with its label in words, for the header's "More" menu on a phone. */
  row?: boolean
}

/**
 * How much the room calls for attention (all messages, mentions only, nothing): kept by
 * the server for this session, so every tab and device of it follows the choice. A native
 * select, so the keyboard and screen readers work it as any other: a small one in the
 * header, or a row with its label in words in the header's "More" menu.
 */
export function RoomNotifyLevel({ room, row = false }: RoomNotifyLevelProps) {
  const level = useChatSelector((state) => state.notify[room] ?? DEFAULT_NOTIFY_LEVEL)
  const { setNotifyLevel } = useChatActions()
  const id = useId()
  const Shown = ICONS[level]
  const select = (className: string) => (
    <select
      id={id}
      value={level}
      title={`Notifications in #${room}`}
      onChange={(event) => {
        const chosen = event.target.value
        if (isLevel(chosen)) setNotifyLevel(room, chosen)
      }}
      className={className}
    >
      {NOTIFY_LEVELS.map((option) => (
        <option key={option} value={option} className="bg-surface text-ink">
          {LABELS[option]}
        </option>
      ))}
    </select>
  )
  if (row) {
    return (
      <div className="flex min-h-11 items-center gap-3 px-3 py-1">
        <Shown aria-hidden="true" className="size-4.5 shrink-0 text-muted" />
        <label htmlFor={id} className="flex-1 text-sm text-ink">
          Notifications<span className="sr-only"> in #{room}</span>
        </label>
        {select('h-9 shrink-0 rounded-lg border border-line bg-surface px-1.5 text-sm text-ink')}
      </div>
    )
  }
  return (
    <div className="shrink-0">
      <label htmlFor={id} className="sr-only">
        Notifications in #{room}
      </label>
      {select(
        'h-9 max-w-32 rounded-lg border border-line bg-surface px-1.5 text-xs text-muted transition hover:bg-hover hover:text-ink',
      )}
    </div>
  )
}
