import type { ReactNode } from 'react'
import { CloseIcon } from './icons.tsx'

/** A dialog's title (`id` is what the dialog is labelled by) and its Close button. */
export function DialogTitleBar({
  id,
  title,
  onClose,
  className = '',
}: {
  id: string
  title: ReactNode
  onClose(): void
  /** The bar's own layout (sticky, borders) on top of its row of title and button. */
  className?: string
}) {
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <h2 id={id} className="min-w-0 flex-1 truncate text-base font-semibold">
        {title}
      </h2>
      <button
        type="button"
        aria-label="Close"
        onClick={onClose}
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-muted hover:bg-hover hover:text-ink"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  )
}
