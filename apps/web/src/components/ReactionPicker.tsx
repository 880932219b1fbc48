import { isSingleEmoji, REACTIONS_MAX_PER_MESSAGE } from '@parley/events/rules'
import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { ReactionView } from '../chat/model/pending-changes.ts'

/** The reactions offered first, with their names for those who hover. */
export const COMMON_EMOJI = [
  ['👍', 'Thumbs up'],
  ['❤️', 'Red heart'],
  ['😂', 'Tears of joy'],
  ['🎉', 'Party popper'],
  ['😮', 'Surprised'],
  ['😢', 'Crying'],
  ['🙏', 'Folded hands'],
  ['👀', 'Eyes'],
] as const

const MARGIN_PX = 8

/** Where the picker goes: above `anchor` if it fits there, else below; kept inside the window. */
function placeBeside(anchor: DOMRect, picker: DOMRect): { top: number; left: number } {
  const above = anchor.top - picker.height - MARGIN_PX
  const top =
    above >= MARGIN_PX ? above : Math.min(anchor.bottom + MARGIN_PX, window.innerHeight - picker.height - MARGIN_PX)
  const left = Math.min(Math.max(MARGIN_PX, anchor.right - picker.width), window.innerWidth - picker.width - MARGIN_PX)
  return { top: Math.max(MARGIN_PX, top), left: Math.max(MARGIN_PX, left) }
}

interface ReactionPickerProps {
  anchor: HTMLElement
  /** The message's reactions as shown: ours are pressed, and they count towards the limit. */
  reactions: readonly ReactionView[]
  onPick(emoji: string): void
  onClose(): void
}

/**
 * A small popover beside the button that opened it: the common reactions, and a field for
 * any other emoji (one emoji, checked as the server checks it). Escape, a click outside or
 * the focus leaving it closes it, and the focus goes back to the button.
 */
export function ReactionPicker({ anchor, reactions, onPick, onClose }: ReactionPickerProps) {
  const id = useId()
  const pickerRef = useRef<HTMLDivElement>(null)
  const [custom, setCustom] = useState('')
  const [error, setError] = useState<string | null>(null)
  const latest = useRef({ onClose, anchor })
  latest.current = { onClose, anchor }

  useLayoutEffect(() => {
    const place = () => {
      const picker = pickerRef.current
      if (!picker) return
      if (!latest.current.anchor.isConnected) return latest.current.onClose()
      // Written straight to the element, before it is painted: it never shows out of place.
      const { top, left } = placeBeside(latest.current.anchor.getBoundingClientRect(), picker.getBoundingClientRect())
      picker.style.top = `${top}px`
      picker.style.left = `${left}px`
    }
    place()
    window.addEventListener('resize', place)
    window.addEventListener('scroll', place, true)
    return () => {
      window.removeEventListener('resize', place)
      window.removeEventListener('scroll', place, true)
    }
  }, [])

  useEffect(() => {
    pickerRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!pickerRef.current?.contains(target) && !latest.current.anchor.contains(target)) latest.current.onClose()
    }
    document.addEventListener('pointerdown', onPointerDown, true)
    return () => document.removeEventListener('pointerdown', onPointerDown, true)
  }, [])

  function close() {
    onClose()
    if (anchor.isConnected) anchor.focus()
  }

  function pick(emoji: string) {
    const known = reactions.some((reaction) => reaction.emoji === emoji)
    if (!known && reactions.length >= REACTIONS_MAX_PER_MESSAGE) {
      setError(`A message can have at most ${REACTIONS_MAX_PER_MESSAGE} different reactions.`)
      return
    }
    onPick(emoji)
    close()
  }

  function submitCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const emoji = custom.trim()
    if (!isSingleEmoji(emoji)) {
      setError(emoji === '' ? 'Type an emoji first.' : 'A reaction is a single emoji, such as 🚀.')
      return
    }
    pick(emoji)
  }

  const mine = new Set(reactions.filter((reaction) => reaction.mine).map((reaction) => reaction.emoji))
  return createPortal(
    <div
      ref={pickerRef}
      role="dialog"
      aria-label="Add a reaction"
      data-testid="reaction-picker"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        event.stopPropagation()
        close()
      }}
      onBlur={(event) => {
        if (event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) onClose()
      }}
      className="fixed top-0 left-0 z-50 w-[17.5rem] animate-fade-in rounded-xl border border-line bg-raised p-2 shadow-xl motion-reduce:animate-none"
    >
      <div className="grid grid-cols-8 gap-0.5">
        {COMMON_EMOJI.map(([emoji, name]) => (
          <button
            key={emoji}
            type="button"
            title={name}
            aria-pressed={mine.has(emoji)}
            onClick={() => pick(emoji)}
            className="inline-flex size-8 items-center justify-center rounded-md text-lg transition-colors hover:bg-hover aria-pressed:bg-accent-50 dark:aria-pressed:bg-accent-400/20"
          >
            {emoji}
          </button>
        ))}
      </div>
      <form onSubmit={submitCustom} className="mt-2 flex items-center gap-1.5 border-t border-line pt-2">
        <label htmlFor={`${id}-emoji`} className="shrink-0 text-xs font-medium text-muted">
          Any emoji
        </label>
        <input
          id={`${id}-emoji`}
          value={custom}
          onChange={(event) => {
            setCustom(event.target.value)
            setError(null)
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoComplete="off"
          className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-surface px-2 text-base text-ink"
        />
        <button
          type="submit"
          className="h-8 shrink-0 rounded-md bg-accent-600 px-2.5 text-xs font-semibold text-white transition hover:bg-accent-700"
        >
          Add
        </button>
      </form>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1.5 text-xs text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </div>,
    document.body,
  )
}
