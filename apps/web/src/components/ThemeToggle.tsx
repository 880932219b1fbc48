import { chooseTheme, useTheme } from '../theme.ts'
import { MoonIcon, SunIcon } from './icons.tsx'
import { menuRowClass, SwitchLook } from './MenuRow.tsx'

interface ThemeToggleProps {
  className?: string
  /** A row with words and a switch, for the header's "More" menu, instead of an icon. */
  row?: boolean
}

/** Switches between the light and the dark theme; the choice is remembered on this browser. */
export function ThemeToggle({ className = '', row = false }: ThemeToggleProps) {
  const theme = useTheme()
  const dark = theme === 'dark'
  const Shown = dark ? SunIcon : MoonIcon
  return (
    <button
      type="button"
      aria-pressed={dark}
      aria-label="Dark theme"
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => chooseTheme(dark ? 'light' : 'dark')}
      className={
        row
          ? `${menuRowClass} ${className}`
          : `inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink ${className}`
      }
    >
      <Shown className="size-4.5 shrink-0 text-muted" />
      {row && (
        <>
          <span className="flex-1">Dark theme</span>
          <SwitchLook on={dark} />
        </>
      )}
    </button>
  )
}
