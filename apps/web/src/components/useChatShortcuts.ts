import { useEffect, useLayoutEffect, useRef } from 'react'
import { COMPOSER_SELECTOR } from './Composer.tsx'

interface Shortcuts {
  rooms: readonly string[]
  current: string | null
  select(room: string): void
  markRead(room: string): void
  /** A drawer is open: Escape closes it and keys stay in it. */
  panelOpen: boolean
  /** Opens the search (or puts the focus back in its box). */
  openSearch(): void
}

/** A key that writes a character, with nothing held but Shift. */
function writes(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.matches('input, textarea, select')
}

/** Ctrl+K, or ⌘K on a Mac: the search, from anywhere, fields included. */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
}

/** The room `step` places away from `current` in `rooms`, going round at the ends. */
export function neighbourRoom(rooms: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (rooms.length === 0) return null
  const index = current === null ? -1 : rooms.indexOf(current)
  const next = index === -1 ? (step === 1 ? 0 : rooms.length - 1) : (index + step + rooms.length) % rooms.length
  return rooms[next] ?? null
}

/**
 * The chat's keys: Alt+↑ and Alt+↓ move between rooms, Ctrl/⌘+K (anywhere) or `/` (outside
 * a field) opens the search, Escape marks the room read, and typing a character anywhere
 * outside a field puts it in the composer.
 */
export function useChatShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts)
  useLayoutEffect(() => {
    latest.current = shortcuts
  })

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return
      const { rooms, current, select, markRead, panelOpen, openSearch } = latest.current
      if (isSearchShortcut(event)) {
        event.preventDefault()
        openSearch()
        return
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        const next = neighbourRoom(rooms, current, event.key === 'ArrowDown' ? 1 : -1)
        if (next === null || next === current) return
        event.preventDefault()
        select(next)
        return
      }
      if (panelOpen) return
      if (event.key === 'Escape') {
        if (current !== null) markRead(current)
        return
      }
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target)) {
        event.preventDefault()
        openSearch()
        return
      }
      if (writes(event) && !isEditable(event.target)) {
        // Space and Enter still press a focused button or link.
        if (
          event.key === ' ' &&
          event.target instanceof HTMLElement &&
          event.target.closest('button, a, [role="option"]')
        ) {
          return
        }
        document.querySelector<HTMLTextAreaElement>(COMPOSER_SELECTOR)?.focus()
        // The key's character then lands in the composer, which has the focus now.
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
