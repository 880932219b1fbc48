import { useRef } from 'react'
import { PaperclipIcon } from './icons.tsx'

/** The composer's paperclip: opens the system's file picker, several files at once. */
export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles(files: File[]): void }) {
  const inputRef = useRef<HTMLInputElement>(null)
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
        aria-label="Attach files"
        title="Attach files (or drop them on the room, or paste)"
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink disabled:opacity-50"
      >
        <PaperclipIcon className="size-4" />
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? [])
          // Cleared, so picking the same file again is a change too.
          event.currentTarget.value = ''
          onFiles(files)
        }}
      />
    </>
  )
}
