import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react'

interface MessageActionsProps {
  /** Who wrote the message, for the toolbar's name. */
  author: string
  canEdit: boolean
  canDelete: boolean
  /** Shown without hover or focus (a tapped message on a touch screen). */
  shown: boolean
  onReact(anchor: HTMLElement): void
  onReply(): void
  onEdit(): void
  onDelete(): void
}

/**
 * The toolbar's icons as plain elements, made once: every message has a toolbar, so a new
 * message draws it, and these add no component renders to that.
 */
function glyph(paths: ReactNode): ReactNode {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="size-4"
    >
      {paths}
    </svg>
  )
}

const SMILE = glyph(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
  </>,
)
const REPLY = glyph(<path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />)
const PENCIL = glyph(<path d="M17 3a2.83 2.83 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5Z" />)
const TRASH = glyph(<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />)

interface Action {
  label: string
  icon: ReactNode
  run(button: HTMLElement): void
  danger?: boolean
}

/**
 * What can be done to a message: react, reply, and for our own, edit and delete. It shows
 * when the message is hovered, holds the focus, or is tapped. One stop in the tab order
 * (the arrow keys, Home and End move between its buttons), so a long room does not take
 * four Tabs a message.
 */
export function MessageActions({
  author,
  canEdit,
  canDelete,
  shown,
  onReact,
  onReply,
  onEdit,
  onDelete,
}: MessageActionsProps) {
  const [active, setActive] = useState(0)
  const toolbarRef = useRef<HTMLDivElement>(null)
  const actions: Action[] = [
    { label: 'Add a reaction', icon: SMILE, run: onReact },
    { label: 'Reply', icon: REPLY, run: onReply },
  ]
  if (canEdit) actions.push({ label: 'Edit', icon: PENCIL, run: onEdit })
  if (canDelete) actions.push({ label: 'Delete', icon: TRASH, run: onDelete, danger: true })
  const current = Math.min(active, actions.length - 1)

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = actions.length - 1
    const next =
      event.key === 'ArrowRight'
        ? current === last
          ? 0
          : current + 1
        : event.key === 'ArrowLeft'
          ? current === 0
            ? last
            : current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    setActive(next)
    toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus()
  }

  return (
    <div
      ref={toolbarRef}
      role="toolbar"
      aria-label={`Actions on the message from ${author}`}
      onKeyDown={handleKeyDown}
      className={`absolute -top-3.5 right-3 z-10 flex items-center gap-0.5 rounded-lg border border-line bg-raised p-0.5 shadow-sm sm:right-5 ${
        shown
          ? 'opacity-100'
          : 'pointer-events-none opacity-0 group-focus-within:pointer-events-auto group-focus-within:opacity-100 group-hover:pointer-events-auto group-hover:opacity-100'
      }`}
    >
      {actions.map((action, index) => (
        <button
          key={action.label}
          type="button"
          tabIndex={index === current ? 0 : -1}
          aria-label={action.label}
          title={action.label}
          onFocus={() => setActive(index)}
          onClick={(event) => action.run(event.currentTarget)}
          className={`inline-flex size-8 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover ${
            action.danger ? 'hover:text-rose-700 dark:hover:text-rose-300' : 'hover:text-ink'
          }`}
        >
          {action.icon}
        </button>
      ))}
    </div>
  )
}
