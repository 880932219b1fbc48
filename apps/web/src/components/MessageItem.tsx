import { memo } from 'react'
import { formatTime } from '../chat/format.ts'
import type { TimelineItem } from '../chat/timeline.ts'
import { Avatar } from './Avatar.tsx'

function Time({ timestamp, className }: { timestamp: number; className: string }) {
  const date = new Date(timestamp)
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()} className={className}>
      {formatTime(timestamp)}
    </time>
  )
}

interface MessageItemProps {
  item: TimelineItem
  own: boolean
  onRetry(clientId: string): void
}

/**
 * One line of a room's timeline. Everything is rendered as text, never as HTML. Our own
 * messages show as pending until the server stores them, or failed with the reason and Retry.
 */
export const MessageItem = memo(function MessageItem({ item, own, onRetry }: MessageItemProps) {
  if (item.kind === 'system') {
    return (
      <li data-key={item.key} className="flex items-center gap-3 px-4 py-1.5 text-xs text-slate-400 sm:px-6">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-100" />
        <span className="min-w-0 truncate">{item.text}</span>
        <Time timestamp={item.timestamp} className="shrink-0 tabular-nums" />
        <span aria-hidden="true" className="h-px flex-1 bg-slate-100" />
      </li>
    )
  }

  const { status, clientId } = item
  const tone =
    status === 'failed'
      ? 'border-rose-400 bg-rose-50/70'
      : own
        ? 'border-accent-400 bg-accent-50/60 hover:bg-accent-50'
        : 'border-transparent hover:bg-slate-50'

  return (
    <li
      data-testid="message"
      data-key={item.key}
      data-status={status}
      data-seq={item.seq ?? undefined}
      data-own={own ? 'true' : undefined}
      className={`group flex gap-3 border-l-2 px-4 py-2 transition-colors sm:px-6 ${tone}`}
    >
      <Avatar name={item.username} />
      <div className={`min-w-0 flex-1 ${status === 'pending' ? 'opacity-60' : ''}`}>
        <div className="flex min-w-0 items-baseline gap-2">
          <span
            data-testid="message-author"
            className={`truncate text-sm font-semibold ${own ? 'text-accent-700' : 'text-slate-900'}`}
          >
            {item.username}
          </span>
          <Time timestamp={item.timestamp} className="shrink-0 text-xs text-slate-400 tabular-nums" />
          {status === 'pending' && (
            <span className="inline-flex shrink-0 items-center gap-1 text-xs text-slate-500">
              <span
                aria-hidden="true"
                className="size-2.5 animate-spin rounded-full border-[1.5px] border-slate-300 border-t-slate-500 motion-reduce:animate-none"
              />
              Sending…
            </span>
          )}
        </div>
        <p
          data-testid="message-text"
          className="text-[15px] leading-relaxed break-words whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]"
        >
          {item.message}
        </p>
        {status === 'failed' && (
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="text-sm text-rose-700">Not sent: {item.error ?? 'The message could not be sent.'}</p>
            {clientId !== null && (
              <button
                type="button"
                onClick={() => onRetry(clientId)}
                className="rounded-md border border-rose-300 bg-white px-2 py-0.5 text-xs font-semibold text-rose-700 transition hover:bg-rose-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-500"
              >
                Retry
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  )
}, sameLine)

function sameLine(before: MessageItemProps, after: MessageItemProps): boolean {
  if (before.own !== after.own || before.onRetry !== after.onRetry) return false
  const a = before.item
  const b = after.item
  if (a === b) return true
  if (a.kind === 'system' || b.kind === 'system') return a.key === b.key
  return (
    a.key === b.key &&
    a.status === b.status &&
    a.error === b.error &&
    a.message === b.message &&
    a.username === b.username &&
    a.timestamp === b.timestamp
  )
}
