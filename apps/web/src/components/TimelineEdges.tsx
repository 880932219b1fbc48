import { memo, useState } from 'react'
import { useRoomTitle } from '../chat/hooks/useRoomTitle.ts'
import { describeError } from '../chat/model/errors.ts'
import { Time } from './Time.tsx'

/**
 * The heights (px) of what sits above the messages, fixed so the list knows where it begins
 * before anything is drawn; the classes below give each its height.
 */
export const TOP_HEIGHT = { older: 48, start: 136, empty: 200, loading: 120, none: 0 } as const
export type TopKind = keyof typeof TOP_HEIGHT

/**
 * The top of a room's timeline when older messages exist: loading them, or why they could not be.
 * Every state is one height, so switching between them at the very top moves nothing.
 */
export function OlderMessages({ loading, error, onLoad }: { loading: boolean; error: string | null; onLoad(): void }) {
  if (loading) {
    return (
      <div className="flex h-12 items-center justify-center gap-2 px-4 text-xs font-medium text-muted">
        <span
          aria-hidden="true"
          className="size-3.5 animate-spin rounded-full border-2 border-line border-t-muted motion-reduce:animate-none"
        />
        Loading older messages…
      </div>
    )
  }
  return (
    <div className="flex h-12 items-center justify-center gap-x-2 overflow-hidden px-4 text-xs">
      {error && (
        <span className="min-w-0 truncate text-rose-700 dark:text-rose-300" title={error}>
          Could not load older messages: {error}
        </span>
      )}
      <button
        type="button"
        onClick={onLoad}
        className="rounded-md px-2 py-1 font-medium text-muted transition hover:bg-hover hover:text-ink"
      >
        {error ? 'Try again' : 'Load older messages'}
      </button>
    </div>
  )
}

/**
 * Between a window far back (opened at a message jumped to) and the newer messages: the
 * messages there are not loaded. Each press loads the next page of them, until the two meet.
 */
export function MessageGap({ onLoad }: { onLoad(): Promise<void> }) {
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function load() {
    setLoading(true)
    setError(null)
    try {
      await onLoad()
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setLoading(false)
    }
  }
  return (
    <div
      data-testid="message-gap"
      className="my-2 flex h-12 items-center justify-center gap-x-2 overflow-hidden border-y border-dashed border-line px-4 text-xs"
    >
      <span className="min-w-0 truncate text-muted">
        {error ? `Could not load newer messages: ${error}` : 'Newer messages not loaded'}
      </span>
      <button
        type="button"
        onClick={() => void load()}
        disabled={loading}
        aria-busy={loading || undefined}
        className="shrink-0 rounded-md px-2 py-1 font-medium text-muted transition hover:bg-hover hover:text-ink disabled:opacity-60"
      >
        {loading ? 'Loading…' : error ? 'Try again' : 'Load newer messages'}
      </button>
    </div>
  )
}

/** The room's very first line: nothing older exists. */
export const StartOfRoom = memo(function StartOfRoom({ room, empty }: { room: string; empty: boolean }) {
  const { title, direct } = useRoomTitle(room)
  return (
    <div
      className={`flex flex-col items-center justify-center overflow-hidden px-6 text-center ${empty ? 'h-[200px]' : 'h-[136px]'}`}
    >
      <span
        aria-hidden="true"
        className="mb-3 inline-flex size-12 items-center justify-center rounded-2xl bg-accent-50 text-2xl text-accent-600 dark:bg-accent-400/15 dark:text-accent-300"
      >
        {direct ? '@' : '#'}
      </span>
      <p className="text-sm font-semibold text-ink">
        {direct ? `This is the start of your conversation with ${title}` : `This is the start of #${room}`}
      </p>
      {empty && <p className="mt-1 text-sm text-muted">No messages yet. Say hello!</p>}
    </div>
  )
})

/** Before the room's first join answer (right after a reload): its messages are on their way. */
export function LoadingRoom() {
  return (
    <div className="flex h-[120px] items-center justify-center gap-2 px-6 text-sm text-muted">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-line border-t-muted motion-reduce:animate-none"
      />
      Loading messages…
    </div>
  )
}

/** Where a new day starts: "Today", "Yesterday" or the date. */
export const DaySeparator = memo(function DaySeparator({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-3 px-4 pt-4 pb-1 sm:px-6">
      <span aria-hidden="true" className="h-px flex-1 bg-line" />
      <span className="rounded-full border border-line bg-surface px-2.5 py-0.5 text-xs font-semibold text-muted">
        {label}
      </span>
      <span aria-hidden="true" className="h-px flex-1 bg-line" />
    </div>
  )
})

/** The line before the first message not read yet. */
export const UnreadDivider = memo(function UnreadDivider() {
  return (
    <div data-testid="unread-divider" className="flex items-center gap-3 px-4 py-2 sm:px-6">
      <span aria-hidden="true" className="h-px flex-1 bg-rose-400 dark:bg-rose-500" />
      <span className="text-xs font-semibold tracking-wide text-rose-700 uppercase dark:text-rose-300">
        New messages
      </span>
      <span aria-hidden="true" className="h-px w-6 bg-rose-400 dark:bg-rose-500" />
    </div>
  )
})

/**
 * A quiet line about someone joining or leaving, or a change to the room. It wraps rather
 * than cut off: on a phone the end of "alice muted bob for 10 minutes" is what matters.
 */
export const SystemLine = memo(function SystemLine({ text, timestamp }: { text: string; timestamp: number }) {
  return (
    <div className="flex items-center gap-3 px-4 py-1.5 text-xs text-muted sm:px-6">
      <span aria-hidden="true" className="h-px min-w-3 flex-1 bg-line/70" />
      <span className="min-w-0 text-center [overflow-wrap:anywhere]">{text}</span>
      <Time timestamp={timestamp} className="shrink-0 tabular-nums" />
      <span aria-hidden="true" className="h-px min-w-3 flex-1 bg-line/70" />
    </div>
  )
})
