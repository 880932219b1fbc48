import { chooseTheme, useTheme } from '../theme.ts'
import { MoonIcon, SunIcon } from './icons.tsx'

/** Switches between the light and the dark theme; the choice is remembered on this browser. */
export function ThemeToggle({ className = '' }: { className?: string }) {
  const theme = useTheme()
  const dark = theme === 'dark'
  return (
    <button
      type="button"
      aria-pressed={dark}
      aria-label="Dark theme"
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => chooseTheme(dark ? 'light' : 'dark')}
      className={`inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink ${className}`}
    >
      {dark ? <SunIcon className="size-4.5" /> : <MoonIcon className="size-4.5" />}
    </button>
  )
}
