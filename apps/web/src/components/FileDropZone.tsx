import { type DragEvent, type ReactNode, useRef, useState } from 'react'
import { PaperclipIcon } from './icons.tsx'

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files')
}

/**
 * The room's main column, where files can be dropped: while files are dragged over it, it
 * says where they will go, and dropped files are attached to the message being written.
 */
export function FileDropZone({
  room,
  onFiles,
  children,
}: {
  room: string
  onFiles(files: File[]): void
  children: ReactNode
}) {
  const [over, setOver] = useState(false)
  // Entering a child fires enter on it before leave on its parent: count, so the hint does not flicker.
  const depth = useRef(0)

  function handleDragEnter(event: DragEvent<HTMLElement>) {
    if (!carriesFiles(event)) return
    event.preventDefault()
    depth.current += 1
    setOver(true)
  }

  function handleDragOver(event: DragEvent<HTMLElement>) {
    if (!carriesFiles(event)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }

  function handleDragLeave(event: DragEvent<HTMLElement>) {
    if (!carriesFiles(event)) return
    depth.current = Math.max(0, depth.current - 1)
    if (depth.current === 0) setOver(false)
  }

  function handleDrop(event: DragEvent<HTMLElement>) {
    depth.current = 0
    setOver(false)
    const files = Array.from(event.dataTransfer.files)
    if (files.length === 0) return
    event.preventDefault()
    onFiles(files)
  }

  return (
    <main
      onDragEnter={handleDragEnter}
      onDragOver={handleDragOver}
      onDragLeave={handleDragLeave}
      onDrop={handleDrop}
      className="relative flex min-w-0 flex-1 flex-col bg-surface"
    >
      {children}
      {over && (
        <div
          data-testid="drop-hint"
          className="pointer-events-none absolute inset-2 z-20 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-accent-500 bg-surface/90 text-accent-ink"
        >
          <PaperclipIcon className="size-8" />
          <p className="text-base font-semibold">Drop to attach to #{room}</p>
        </div>
      )}
    </main>
  )
}
