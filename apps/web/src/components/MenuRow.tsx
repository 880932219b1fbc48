/** A row of the header's "More" menu: touch-sized, the width of the menu, icon then words. */
export const menuRowClass =
  'flex min-h-11 w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm text-ink transition hover:bg-hover'

/** A switch's look for an on/off row of the menu; the row's `aria-pressed` says the state. */
export function SwitchLook({ on }: { on: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`ml-auto inline-flex h-5 w-9 shrink-0 items-center rounded-full p-0.5 transition-colors ${
        on ? 'bg-accent-600 dark:bg-accent-400' : 'bg-line-strong'
      }`}
    >
      <span
        className={`size-4 rounded-full bg-white shadow-sm transition-transform motion-reduce:transition-none ${
          on ? 'translate-x-4' : ''
        }`}
      />
    </span>
  )
}
