import { useChatActions, useChatSelector } from '../chat/context.ts'
import { CloseIcon } from './icons.tsx'

/** A problem that belongs to no form (a room that could not be rejoined), until dismissed. */
export function Notice() {
  const notice = useChatSelector((state) => state.notice)
  const { dismissNotice } = useChatActions()
  if (!notice) return null

  return (
    <div
      role="alert"
      className="mx-3 mt-3 flex animate-fade-in items-start gap-3 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200 sm:mx-6"
    >
      <p className="min-w-0 flex-1 break-words">{notice}</p>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={dismissNotice}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded text-rose-600 hover:bg-rose-100 hover:text-rose-800 dark:text-rose-300 dark:hover:bg-rose-900"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </div>
  )
}
