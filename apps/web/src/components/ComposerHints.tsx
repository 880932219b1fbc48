/** The composer's keyboard hints, on wide screens: how to send or save, break a line, mention, edit or cancel. */
export function ComposerHints({ editing }: { editing: boolean }) {
  const key = 'font-sans font-medium text-ink-soft'
  return (
    <p className="hidden min-w-0 flex-1 truncate text-xs text-muted sm:block">
      <kbd className={key}>Enter</kbd> to {editing ? 'save' : 'send'}, <kbd className={key}>Shift + Enter</kbd> for a
      new line,{' '}
      {editing ? (
        <>
          <kbd className={key}>Esc</kbd> to cancel
        </>
      ) : (
        <>
          <kbd className={key}>@</kbd> to mention, <kbd className={key}>↑</kbd> to edit
        </>
      )}
    </p>
  )
}

/** How many characters are left: amber near the end, red past it. */
export function RemainingCount({ id, remaining }: { id: string; remaining: number }) {
  const tone =
    remaining < 0
      ? 'text-rose-600 font-semibold dark:text-rose-400'
      : remaining <= 50
        ? 'text-amber-700 dark:text-amber-400'
        : 'text-muted'
  return (
    <span id={id} data-testid="composer-remaining" className={`ml-auto text-xs tabular-nums ${tone}`}>
      {remaining}
      <span className="sr-only"> characters left</span>
    </span>
  )
}
