import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string
  value: string
  onChange(value: string): void
  /** Shown under the field and tied to it; `null` when the value is fine. */
  error: string | null
  /** A quiet line under the field (the rule it follows), replaced by the error when there is one. */
  hint?: string | null
  /** Something drawn inside the field before the text, such as a `#`. */
  adornment?: ReactNode
  hideLabel?: boolean
}

/** A labelled input with its hint or error written underneath. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint = null,
  adornment,
  hideLabel,
  className,
  ...rest
}: TextFieldProps) {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = error ? errorId : hint ? hintId : undefined

  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'mb-1.5 block text-sm font-medium text-ink-soft'}>
        {label}
      </label>
      <div
        className={`flex items-center rounded-lg border bg-surface shadow-xs transition focus-within:ring-3 ${
          error
            ? 'border-rose-300 focus-within:border-rose-400 focus-within:ring-rose-100 dark:border-rose-700 dark:focus-within:ring-rose-900/50'
            : 'border-line-strong focus-within:border-accent-500 focus-within:ring-accent-100 dark:focus-within:ring-accent-500/25'
        }`}
      >
        {adornment && <span className="pl-3 text-muted">{adornment}</span>}
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`w-full min-w-0 rounded-lg bg-transparent py-2 text-[15px] text-ink placeholder:text-muted focus-visible:outline-offset-0 ${
            adornment ? 'pr-3 pl-1.5' : 'px-3'
          }`}
          {...rest}
        />
      </div>
      {error ? (
        <p id={errorId} role="alert" className="mt-1.5 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : (
        hint && (
          <p id={hintId} className="mt-1.5 text-xs text-muted">
            {hint}
          </p>
        )
      )}
    </div>
  )
}
