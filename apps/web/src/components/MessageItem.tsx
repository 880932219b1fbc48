import { memo } from 'react'
import { formatTime } from '../chat/format.ts'
import type { TimelineItem } from '../chat/state.ts'
import { Avatar } from './Avatar.tsx'

function Time({ timestamp, className }: { timestamp: number; className: string }) {
  const date = new Date(timestamp)
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()} className={className}>
      {formatTime(timestamp)}
    </time>
  )
}

/** One line of a room's timeline. Everything is rendered as text, never as HTML. */
export const MessageItem = memo(function MessageItem({ item, own }: { item: TimelineItem; own: boolean }) {
  if (item.kind === 'system') {
    return (
      <li className="flex items-center gap-3 px-4 py-1.5 text-xs text-slate-400 sm:px-6">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-100" />
        <span className="min-w-0 truncate">{item.text}</span>
        <Time timestamp={item.timestamp} className="shrink-0 tabular-nums" />
        <span aria-hidden="true" className="h-px flex-1 bg-slate-100" />
      </li>
    )
  }

  return (
    <li
      data-testid="message"
      data-own={own ? 'true' : undefined}
      className={`group flex gap-3 border-l-2 px-4 py-2 transition-colors sm:px-6 ${
        own ? 'border-accent-400 bg-accent-50/60 hover:bg-accent-50' : 'border-transparent hover:bg-slate-50'
      }`}
    >
      <Avatar name={item.username} />
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 items-baseline gap-2">
          <span className={`truncate text-sm font-semibold ${own ? 'text-accent-700' : 'text-slate-900'}`}>
            {item.username}
          </span>
          <Time timestamp={item.timestamp} className="shrink-0 text-xs text-slate-400 tabular-nums" />
        </div>
        <p className="text-[15px] leading-relaxed break-words whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]">
          {item.message}
        </p>
      </div>
    </li>
  )
})
