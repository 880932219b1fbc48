import { MESSAGE_MAX_LENGTH } from '@parley/events'
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react'
import { useChat } from '../chat/context.ts'
import { SendIcon } from './icons.tsx'

const MAX_HEIGHT_PX = 200

/**
 * Writes to the room on screen: Enter sends, Shift+Enter breaks the line. Drafts are kept
 * per room. Sending clears the box: the message shows in the timeline at once, pending,
 * and if it fails it stays there with the reason and a Retry button.
 */
export function Composer({ room }: { room: string }) {
  const { send, status } = useChat()
  const id = useId()
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const [drafts, setDrafts] = useState<Record<string, string>>({})

  const text = drafts[room] ?? ''
  const remaining = MESSAGE_MAX_LENGTH - text.length
  const tooLong = remaining < 0
  const blank = text.trim().length === 0
  const error = tooLong ? `A message has at most ${MESSAGE_MAX_LENGTH} characters` : null

  // Grow with the text up to a few lines, then scroll.
  useLayoutEffect(() => {
    const textarea = textareaRef.current
    if (!textarea) return
    textarea.style.height = 'auto'
    if (text !== '') textarea.style.height = `${Math.min(textarea.scrollHeight, MAX_HEIGHT_PX)}px`
  }, [text])

  function setText(next: string) {
    setDrafts((all) => ({ ...all, [room]: next }))
  }

  function submit() {
    if (blank || tooLong) return
    send(text)
    setDrafts((all) => ({ ...all, [room]: '' }))
    textareaRef.current?.focus()
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    submit()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    submit()
  }

  const counterTone = tooLong ? 'text-rose-600 font-semibold' : remaining <= 50 ? 'text-amber-600' : 'text-slate-400'
  const offline = status !== 'open'

  return (
    <form onSubmit={handleSubmit} className="shrink-0 px-3 pt-2 pb-3 sm:px-6 sm:pb-5">
      <div
        className={`rounded-xl border bg-white shadow-xs transition focus-within:ring-3 ${
          error
            ? 'border-rose-300 focus-within:ring-rose-100'
            : 'border-slate-300 focus-within:border-accent-500 focus-within:ring-accent-100'
        }`}
      >
        <label htmlFor={id} className="sr-only">
          Message
        </label>
        <textarea
          ref={textareaRef}
          id={id}
          rows={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={handleKeyDown}
          placeholder={`Message #${room}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-remaining${error ? ` ${id}-error` : ''}`}
          className="block max-h-[200px] w-full resize-none bg-transparent px-3.5 pt-3 pb-1 text-[15px] leading-relaxed text-slate-900 outline-none placeholder:text-slate-400"
        />
        <div className="flex items-center gap-3 px-2 pb-2 pl-3.5">
          <p className="hidden min-w-0 flex-1 truncate text-xs text-slate-400 sm:block">
            <kbd className="font-sans font-medium text-slate-500">Enter</kbd> to send,{' '}
            <kbd className="font-sans font-medium text-slate-500">Shift + Enter</kbd> for a new line
          </p>
          <span
            id={`${id}-remaining`}
            data-testid="composer-remaining"
            className={`ml-auto text-xs tabular-nums ${counterTone}`}
          >
            {remaining}
            <span className="sr-only"> characters left</span>
          </span>
          <button
            type="submit"
            disabled={blank || tooLong}
            aria-label="Send"
            title={offline ? 'Offline: messages go out once reconnected' : 'Send'}
            className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-600 text-white transition hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600 disabled:bg-slate-200 disabled:text-slate-400"
          >
            <SendIcon className="size-4" />
          </button>
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1.5 px-1 text-sm text-rose-600">
          {error}
        </p>
      )}
    </form>
  )
}
