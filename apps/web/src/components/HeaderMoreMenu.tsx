import { useEffect, useId, useRef, useState } from 'react'
import { MoreIcon, SlidersIcon } from './icons.tsx'
import { menuRowClass } from './MenuRow.tsx'
import { NotifyToggle } from './NotifyToggle.tsx'
import { RoomNotifyLevel } from './RoomNotifyLevel.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'

interface HeaderMoreMenuProps {
  room: string
  /** Opens the room's settings (the menu has closed and given the focus back to its button). */
  onSettings(): void
}

/**
 * On a phone, the room header's less frequent actions behind one "More actions" button: the
 * room's settings, its notification level, mention notifications and the theme. A disclosure
 * (the button says whether it is open, its panel follows it in the tab order), closed by the
 * button again, Escape, a tap outside or the focus leaving it; Escape gives the focus back to
 * the button, and so does opening the settings, whose dialog gives it back there on closing.
 */
export function HeaderMoreMenu({ room, onSettings }: HeaderMoreMenuProps) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const wrapRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const wrap = wrapRef.current
    if (!open || !wrap) return
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !wrap.contains(event.target)) setOpen(false)
    }
    // Before the chat's own Escape (marking the room read), which listens on the window.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
    }
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !wrap.contains(event.relatedTarget)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown, true)
    document.addEventListener('keydown', onKeyDown)
    wrap.addEventListener('focusout', onFocusOut)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true)
      document.removeEventListener('keydown', onKeyDown)
      wrap.removeEventListener('focusout', onFocusOut)
    }
  }, [open])

  function closeToButton() {
    setOpen(false)
    buttonRef.current?.focus()
  }

  return (
    <div ref={wrapRef} className="relative shrink-0">
      <button
        ref={buttonRef}
        type="button"
        aria-label="More actions"
        title="More: room settings, notifications, theme"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink aria-expanded:bg-hover aria-expanded:text-ink"
      >
        <MoreIcon className="size-5" />
      </button>
      <div
        id={id}
        hidden={!open}
        className="absolute top-full right-0 z-30 mt-1.5 w-72 max-w-[calc(100vw-1rem)] animate-fade-in rounded-xl border border-line bg-raised p-1.5 shadow-xl motion-reduce:animate-none"
      >
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={() => {
            closeToButton()
            onSettings()
          }}
          className={menuRowClass}
        >
          <SlidersIcon aria-hidden="true" className="size-4.5 shrink-0 text-muted" />
          Room settings
        </button>
        <RoomNotifyLevel room={room} row />
        <NotifyToggle row />
        <ThemeToggle row />
      </div>
    </div>
  )
}
