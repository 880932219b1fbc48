/** What each mark is typed as, as the help lists it, with a word where the example is not enough. */
const SYNTAX: { typed: string; note?: string }[] = [
  { typed: '**bold**' },
  { typed: '_italic_' },
  { typed: '~~strike~~' },
  { typed: '`code`' },
  { typed: '```', note: 'on the lines around a code block' },
  { typed: '> quote' },
  { typed: '- list' },
  { typed: '1. list' },
]

/**
 * The composer's "Aa" button: shows or hides the formatting help (`FormattingHelp`, whose
 * element is `controls`). A disclosure: screen readers hear whether it is open.
 */
export function FormattingToggle({ open, controls, onToggle }: { open: boolean; controls: string; onToggle(): void }) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
      title="Formatting help"
      className="inline-flex h-7 shrink-0 items-center gap-1 rounded-md px-1.5 text-xs font-semibold text-muted transition hover:bg-hover hover:text-ink aria-expanded:bg-sunken aria-expanded:text-ink"
    >
      <span aria-hidden="true" className="text-[13px]">
        Aa
      </span>
      <span className="sr-only">Formatting help</span>
    </button>
  )
}

/**
 * The Markdown a message may use, as typed (no preview), in a strip inside the composer.
 * Shift+Enter is there too: a code block needs several lines.
 */
export function FormattingHelp({ id }: { id: string }) {
  return (
    <section id={id} aria-label="Formatting help" className="border-t border-line px-3.5 py-1.5 text-xs text-muted">
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {SYNTAX.map(({ typed, note }) => (
          <li key={typed} className="whitespace-nowrap">
            <code className="rounded bg-sunken px-1 py-px font-mono text-[11px] text-ink-soft">{typed}</code>
            {note && ` ${note}`}
          </li>
        ))}
        <li className="whitespace-nowrap">
          <kbd className="font-sans font-medium text-ink-soft">Shift + Enter</kbd> new line
        </li>
      </ul>
    </section>
  )
}
