import { useEffect, useRef } from 'react'

/**
 * A `<dialog>` shown modal for as long as its component is mounted: the browser keeps the
 * focus inside and gives it back when it closes. Escape (or any close) calls `onClose`, the
 * latest one given. Returns the ref to put on the dialog.
 */
export function useModalDialog(onClose: () => void) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const latest = useRef(onClose)
  latest.current = onClose

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    dialog.showModal()
    const close = () => latest.current()
    dialog.addEventListener('close', close)
    return () => {
      dialog.removeEventListener('close', close)
      if (dialog.open) dialog.close()
    }
  }, [])

  return dialogRef
}
