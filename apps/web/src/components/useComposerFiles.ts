import type { ClipboardEvent } from 'react'
import { type FileUploads, useRoomUploads } from '../chat/hooks/useFileUploads.ts'
import { readiness } from '../chat/model/uploads.ts'

/**
 * The files attached to `room`'s message being written (none while a message is edited),
 * whether Send must wait for them, and the paste handler that attaches what is pasted.
 */
export function useComposerFiles(room: string, uploads: FileUploads, editing: boolean) {
  const attached = useRoomUploads(uploads, room)
  const ready = readiness(attached)
  // Nothing is half-posted: the message waits for every file, and a failed one must be retried or removed.
  const waiting = !editing && (ready.uploading > 0 || ready.failed > 0)

  // A screenshot pasted (or files copied) is attached; text pasted with it still lands in the box.
  function handlePaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files)
    if (files.length === 0 || editing) return
    if (!event.clipboardData.types.includes('text/plain')) event.preventDefault()
    uploads.add(room, files)
  }

  return { attached, ready, waiting, refusal: uploads.refusal(room), handlePaste }
}
