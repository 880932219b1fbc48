import { fileUrl, formatFileSize } from '@parley/events/rules'
import { type KeyboardEvent, useId, useState } from 'react'
import type { ImageAttachment } from '../chat/model/attachments.ts'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, DownloadIcon } from './icons.tsx'
import { useModalDialog } from './useModalDialog.ts'

interface ImageViewerProps {
  /** The message's images, in order. */
  images: readonly ImageAttachment[]
  /** The one to show first. */
  start: number
  onClose(): void
}

const CONTROL =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-white/85 transition hover:bg-white/15 hover:text-white'

/**
 * A message's images full size, one at a time, in a modal dialog: ← and → go between them
 * (round the end), Escape or Close shuts it, and the focus goes back to the thumbnail that
 * opened it.
 */
export function ImageViewer({ images, start, onClose }: ImageViewerProps) {
  const id = useId()
  const dialogRef = useModalDialog(onClose)
  const [index, setIndex] = useState(start)

  const count = images.length
  const image = images[Math.min(index, count - 1)]
  if (!image) return null
  const step = (by: number) => setIndex((at) => (at + by + count) % count)

  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (count < 2 || event.altKey || event.ctrlKey || event.metaKey) return
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault()
      step(event.key === 'ArrowLeft' ? -1 : 1)
    }
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      onKeyDown={handleKeyDown}
      data-testid="image-viewer"
      className="m-0 hidden h-dvh max-h-none w-screen max-w-none flex-col bg-slate-950 open:flex p-0 text-white backdrop:bg-slate-950/70"
    >
      <div className="flex shrink-0 items-center gap-2 px-3 py-2 sm:px-4">
        <h2 id={`${id}-title`} className="min-w-0 flex-1 truncate text-sm font-semibold">
          {image.name}
          <span className="ml-2 font-normal text-white/70">
            {image.image.width} × {image.image.height}, {formatFileSize(image.size)}
            {count > 1 && ` · ${index + 1} of ${count}`}
          </span>
        </h2>
        <a
          href={fileUrl(image.id, image.name)}
          download={image.name}
          aria-label={`Download ${image.name}`}
          title="Download"
          className={CONTROL}
        >
          <DownloadIcon className="size-5" />
        </a>
        <button
          type="button"
          // biome-ignore lint/a11y/noAutofocus: the dialog starts on the way out of it
          autoFocus
          onClick={() => dialogRef.current?.close()}
          aria-label="Close"
          title="Close (Esc)"
          className={CONTROL}
        >
          <CloseIcon className="size-5" />
        </button>
      </div>
      <div className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-2 sm:px-14">
        <img
          key={image.id}
          src={fileUrl(image.id, image.name)}
          width={image.image.width}
          height={image.image.height}
          alt={image.name}
          className="size-full object-contain"
        />
        {count > 1 && (
          <>
            <button
              type="button"
              onClick={() => step(-1)}
              aria-label="Previous image"
              title="Previous (←)"
              className={`${CONTROL} absolute top-1/2 left-2 -translate-y-1/2 bg-slate-950/60`}
            >
              <ChevronLeftIcon className="size-5" />
            </button>
            <button
              type="button"
              onClick={() => step(1)}
              aria-label="Next image"
              title="Next (→)"
              className={`${CONTROL} absolute top-1/2 right-2 -translate-y-1/2 bg-slate-950/60`}
            >
              <ChevronRightIcon className="size-5" />
            </button>
          </>
        )}
      </div>
    </dialog>
  )
}
