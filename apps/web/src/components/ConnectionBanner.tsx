import { useChatStatus } from '../chat/context.ts'

/**
 * Says so while the connection is not open, and is silent when all is well. Losing the
 * connection shows a bar across the top; the first connection only a quiet, late pill.
 */
export function ConnectionBanner() {
  const status = useChatStatus()
  if (status === 'open') return null

  if (status === 'connecting') {
    return (
      <div className="pointer-events-none fixed inset-x-0 top-3 z-50 flex justify-center">
        <div
          role="status"
          className="flex animate-fade-in-late items-center gap-2 rounded-full border border-line bg-surface/95 px-3 py-1.5 text-xs font-medium text-muted shadow-sm"
        >
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-slate-400" />
          Connecting…
        </div>
      </div>
    )
  }

  const reconnecting = status === 'reconnecting'
  return (
    <div
      role="status"
      className={`flex shrink-0 animate-fade-in items-center justify-center gap-2 border-b px-4 py-2 text-center text-sm font-medium ${
        reconnecting
          ? 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100'
          : 'border-rose-200 bg-rose-50 text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100'
      }`}
    >
      <span
        aria-hidden="true"
        className={`size-2 shrink-0 rounded-full ${reconnecting ? 'animate-pulse bg-amber-500' : 'bg-rose-500'}`}
      />
      <span>
        {reconnecting
          ? 'Reconnecting… Your rooms and messages will catch up once the connection is back.'
          : 'Disconnected. Reload the page to connect again.'}
      </span>
    </div>
  )
}
