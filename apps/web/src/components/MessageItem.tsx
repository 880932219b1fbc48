import { memo } from 'react'
import type { Row } from '../chat/model/rows.ts'
import { Avatar } from './Avatar.tsx'
import { MessageText } from './MessageText.tsx'
import { Time } from './Time.tsx'

type MessageRow = Extract<Row, { kind: 'message' }>

interface MessageItemProps {
  row: MessageRow
  own: boolean
  names: readonly string[]
  me: string | null
  onRetry(clientId: string): void
}

/**
 * One message. The first of a group (same author, same minute) shows the picture, name and
 * time; the rest show their time on hover, and keep the name for screen readers. Our own
 * messages show as pending until stored, or failed with the reason and Retry.
 */
export const MessageItem = memo(function MessageItem({ row, own, names, me, onRetry }: MessageItemProps) {
  const { item, continued, mentionsMe } = row
  const { status, clientId } = item
  const tone =
    status === 'failed'
      ? 'border-rose-400 bg-rose-50/70 dark:border-rose-500 dark:bg-rose-950/40'
      : mentionsMe
        ? 'border-amber-400 bg-amber-50/80 dark:border-amber-400 dark:bg-amber-400/10'
        : own
          ? 'border-accent-400/70 hover:bg-hover/60'
          : 'border-transparent hover:bg-hover/60'

  return (
    <div
      className={`group flex gap-3 border-l-2 px-4 transition-colors sm:px-6 ${continued ? 'py-0.5' : 'pt-2 pb-0.5'} ${tone}`}
    >
      {continued ? (
        <div className="flex w-9 shrink-0 justify-end pt-1">
          <Time
            timestamp={item.timestamp}
            className="text-[11px] leading-4 whitespace-nowrap text-muted tabular-nums opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"
          />
        </div>
      ) : (
        <Avatar name={item.username} />
      )}
      <div className={`min-w-0 flex-1 ${status === 'pending' ? 'opacity-60' : ''}`}>
        <div className={continued ? 'sr-only' : 'flex min-w-0 items-baseline gap-2'}>
          <span
            data-testid="message-author"
            className={`truncate text-sm font-semibold ${own ? 'text-accent-ink' : 'text-ink'}`}
          >
            {item.username}
          </span>
          {!continued && <Time timestamp={item.timestamp} className="shrink-0 text-xs text-muted tabular-nums" />}
        </div>
        {status === 'pending' && (
          <span className="float-right ml-2 inline-flex items-center gap-1 text-xs text-muted">
            <span
              aria-hidden="true"
              className="size-2.5 animate-spin rounded-full border-[1.5px] border-line-strong border-t-muted motion-reduce:animate-none"
            />
            Sending…
          </span>
        )}
        <p
          data-testid="message-text"
          className="text-[15px] leading-6 break-words whitespace-pre-wrap text-ink [overflow-wrap:anywhere]"
        >
          <MessageText text={item.message} names={names} me={me} />
        </p>
        {status === 'failed' && (
          <div className="mt-1 mb-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="text-sm text-rose-700 dark:text-rose-300">
              Not sent: {item.error ?? 'The message could not be sent.'}
            </p>
            {clientId !== null && (
              <button
                type="button"
                onClick={() => onRetry(clientId)}
                className="rounded-md border border-rose-300 bg-surface px-2 py-0.5 text-xs font-semibold text-rose-700 transition hover:bg-rose-100 dark:border-rose-700 dark:text-rose-300 dark:hover:bg-rose-950"
              >
                Retry
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  )
}, sameMessage)

function sameMessage(before: MessageItemProps, after: MessageItemProps): boolean {
  if (before.own !== after.own || before.onRetry !== after.onRetry || before.me !== after.me) return false
  if (before.names !== after.names) return false
  const a = before.row
  const b = after.row
  if (a === b) return true
  return (
    a.key === b.key &&
    a.continued === b.continued &&
    a.mentionsMe === b.mentionsMe &&
    a.item.status === b.item.status &&
    a.item.error === b.item.error &&
    a.item.message === b.item.message &&
    a.item.username === b.item.username &&
    a.item.timestamp === b.item.timestamp
  )
}
