import { useId } from 'react'
import { useModalDialog } from './useModalDialog.ts'

interface DeleteDialogProps {
  /** The words of the message to delete, to show what goes. */
  text: string
  onConfirm(): void
  onCancel(): void
}

/**
 * Asks once before deleting one of our messages: a modal dialog (Escape or Cancel keeps the
 * message; the focus starts on Cancel and goes back where it was when the dialog closes).
 */
export function DeleteDialog({ text, onConfirm, onCancel }: DeleteDialogProps) {
  const id = useId()
  const dialogRef = useModalDialog(onCancel)

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-line bg-raised p-5 text-ink shadow-2xl backdrop:bg-slate-950/50"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Delete this message?
      </h2>
      <blockquote className="mt-3 line-clamp-3 rounded-lg border-l-2 border-line-strong bg-sunken px-3 py-2 text-sm break-words text-ink-soft">
        {text}
      </blockquote>
      <p id={`${id}-text`} className="mt-3 text-sm text-muted">
        It is removed for everyone, and a "message deleted" marker takes its place. This cannot be undone.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          // biome-ignore lint/a11y/noAutofocus: a dialog that asks starts on the choice that keeps the message
          autoFocus
          onClick={() => dialogRef.current?.close()}
          className="rounded-lg border border-line-strong px-3.5 py-1.5 text-sm font-semibold text-ink transition hover:bg-hover"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={onConfirm}
          className="rounded-lg bg-rose-600 px-3.5 py-1.5 text-sm font-semibold text-white transition hover:bg-rose-700"
        >
          Delete
        </button>
      </div>
    </dialog>
  )
}
