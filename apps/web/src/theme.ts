import { browserStorageKeys } from '@parley/events/rules'
import { useSyncExternalStore } from 'react'

export type Theme = 'light' | 'dark'

const KEY = browserStorageKeys.theme
const DARK_QUERY = '(prefers-color-scheme: dark)'
/** The `theme-color` of each theme: the colour of the page's top bar. */
const BAR_COLOR: Record<Theme, string> = { light: '#ffffff', dark: '#0f172a' }

const listeners = new Set<() => void>()

/** The theme the reader chose on this browser, or `null` to follow the system. */
function chosenTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    return null
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light'
}

/** The theme in force: the reader's choice, else the system's. */
function currentTheme(): Theme {
  return chosenTheme() ?? systemTheme()
}

/** Puts `theme` on the page: `data-theme` and the `dark` class on <html>, which the styles follow. */
function apply(theme: Theme): void {
  const root = document.documentElement
  if (root.dataset.theme === theme) return
  // Switch at once: colour transitions would fade every surface through the other theme.
  if (root.dataset.theme !== undefined) {
    root.dataset.themeSwitching = ''
    requestAnimationFrame(() => requestAnimationFrame(() => delete root.dataset.themeSwitching))
  }
  root.dataset.theme = theme
  root.classList.toggle('dark', theme === 'dark')
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', BAR_COLOR[theme])
  for (const listener of [...listeners]) listener()
}

/**
 * Applies the theme before the first render, and follows the system's changes while the
 * reader has not chosen. Called once from main.tsx (the page allows no inline script).
 */
export function startTheme(): void {
  apply(currentTheme())
  window.matchMedia?.(DARK_QUERY).addEventListener('change', () => apply(currentTheme()))
  // Another tab may choose.
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) apply(currentTheme())
  })
}

/** Chooses a theme for this browser, remembered across visits. */
export function chooseTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(KEY, theme)
  } catch {
    // Storage is disabled: the choice holds for this page only.
  }
  apply(theme)
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'))
}
