import type { ChangeStatus } from '../chat/model/timeline-items.ts'

function failure(change: ChangeStatus): string {
  const reason = change.error ?? 'The server did not take it.'
  switch (change.kind) {
    case 'edit':
      return `Edit not saved: ${reason}`
    case 'delete':
      return `Not deleted: ${reason}`
    case 'react':
      return `${change.add ? 'Reaction' : 'Taking back'} ${change.emoji ?? ''} failed: ${reason}`
  }
}

const PENDING_TEXT: Record<ChangeStatus['kind'], string> = {
  edit: 'Saving edit…',
  delete: 'Deleting…',
  react: 'Saving reaction…',
}

interface ChangeNotesProps {
  changes: readonly ChangeStatus[]
  onRetry(clientId: string): void
  onDismiss(clientId: string): void
}

/**
 * What became of our changes to a message not yet confirmed: a quiet "Saving…" while they
 * are on their way, and each failure with its reason, Retry and Discard.
 */
export function ChangeNotes({ changes, onRetry, onDismiss }: ChangeNotesProps) {
  const failed = changes.filter((change) => change.status === 'failed')
  // Reactions are counted at once and need no word while on their way.
  const pending = changes.find((change) => change.status === 'pending' && change.kind !== 'react')
  if (failed.length === 0 && !pending) return null
  return (
    <div className="mt-1 mb-1 flex flex-col gap-1">
      {pending && (
        <p className="inline-flex items-center gap-1 text-xs text-muted">
          <span
            aria-hidden="true"
            className="size-2.5 animate-spin rounded-full border-[1.5px] border-line-strong border-t-muted motion-reduce:animate-none"
          />
          {PENDING_TEXT[pending.kind]}
        </p>
      )}
      {failed.map((change) => (
        <div key={change.clientId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-sm text-rose-700 dark:text-rose-300">{failure(change)}</p>
          <button
            type="button"
            onClick={() => onRetry(change.clientId)}
            className="rounded-md border border-rose-300 bg-surface px-2 py-0.5 text-xs font-semibold text-rose-700 transition hover:bg-rose-100 dark:border-rose-700 dark:text-rose-300 dark:hover:bg-rose-950"
          >
            Retry
          </button>
          <button
            type="button"
            onClick={() => onDismiss(change.clientId)}
            className="rounded-md px-2 py-0.5 text-xs font-semibold text-muted transition hover:bg-hover hover:text-ink"
          >
            Discard
          </button>
        </div>
      ))}
    </div>
  )
}
