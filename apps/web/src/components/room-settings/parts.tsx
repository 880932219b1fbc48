import { type FormEvent, type ReactNode, useCallback, useId, useState } from 'react'

/** A quiet button (Cancel, Copy, Unmute). */
export const secondaryButton =
  'inline-flex items-center justify-center rounded-lg border border-line-strong px-3 py-1.5 text-sm font-semibold text-ink transition hover:bg-hover disabled:opacity-60'
/** The button that saves a section. */
export const primaryButton =
  'inline-flex items-center justify-center rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white transition hover:bg-accent-700 disabled:opacity-60'
/** A button that takes something away (remove, ban). */
export const dangerButton =
  'inline-flex items-center justify-center rounded-lg border border-rose-300 px-3 py-1.5 text-sm font-semibold text-rose-700 transition hover:bg-rose-50 disabled:opacity-60 dark:border-rose-800 dark:text-rose-300 dark:hover:bg-rose-950'
/** A text input or select. */
export const inputClass =
  'w-full min-w-0 rounded-lg border border-line-strong bg-surface px-3 py-1.5 text-sm text-ink shadow-xs focus-visible:border-accent-500'

/** One part of the room's settings, under its heading. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section aria-labelledby={id} className="border-t border-line pt-4 first:border-t-0 first:pt-0">
      <h3 id={id} className="mb-2 text-sm font-semibold text-ink">
        {title}
      </h3>
      {children}
    </section>
  )
}

/**
 * A request run from a section: whether it is under way, and what came of it in words
 * (the server's refusal, or what was done).
 */
export function useRequestState() {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const run = useCallback(async (work: () => Promise<string | null>) => {
    setPending(true)
    setError(null)
    setDone(null)
    try {
      setDone(await work())
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Something went wrong. Please try again.')
    } finally {
      setPending(false)
    }
  }, [])
  return { pending, error, done, run }
}

/** What came of a section's request: the refusal (announced at once) or what was done (announced politely). */
export function Outcome({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      <p role="status" className="mt-2 text-sm text-muted empty:hidden">
        {done ?? ''}
      </p>
    </>
  )
}

/**
 * A name typed into a field, and the button that does something with it. The label shows
 * above the field: as a placeholder it was cut off on a phone.
 */
export function NameForm({
  label,
  action,
  onSubmit,
  disabled = false,
  button = primaryButton,
  children,
}: {
  label: string
  action: string
  onSubmit(name: string): void
  disabled?: boolean
  /** The button's look: the primary one unless said. */
  button?: string
  /** Shown under the field (what came of it). */
  children?: ReactNode
}) {
  const id = useId()
  const [name, setName] = useState('')
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (name.trim() === '') return
    onSubmit(name.trim())
    setName('')
  }
  return (
    <form onSubmit={handleSubmit} className="mt-3">
      <label htmlFor={id} className="mb-1 block text-sm text-ink-soft">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Name"
          autoCapitalize="off"
          autoComplete="off"
          spellCheck={false}
          className={inputClass}
        />
        <button type="submit" disabled={disabled} className={`${button} shrink-0`}>
          {action}
        </button>
      </div>
      {children}
    </form>
  )
}
