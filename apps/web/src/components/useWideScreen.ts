import { useSyncExternalStore } from 'react'

/** Tailwind's `sm` breakpoint: from here up the header has room for every action. */
const WIDE = '(min-width: 40rem)'

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia?.(WIDE)
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

function isWide(): boolean {
  return window.matchMedia?.(WIDE).matches ?? true
}

/**
 * Whether the screen is at least `sm` wide (640 px), following the window as it is resized
 * or turned. For what cannot be done in CSS alone, such as rendering a control in one place
 * or in another, never both.
 */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, isWide)
}
