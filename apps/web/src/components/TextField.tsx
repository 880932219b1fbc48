import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string
  value: string
  onChange(value: string): void
  /** Shown under the field and tied to it; `null` when the value is fine. */
  error: string | null
  /** Something drawn inside the field before the text, such as a `#`. */
  adornment?: ReactNode
  hideLabel?: boolean
}

/** A labelled input with its error written underneath. */
export function TextField({ label, value, onChange, error, adornment, hideLabel, className, ...rest }: TextFieldProps) {
  const id = useId()
  const errorId = `${id}-error`

  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'mb-1.5 block text-sm font-medium text-slate-700'}>
        {label}
      </label>
      <div
        className={`flex items-center rounded-lg border bg-white shadow-xs transition focus-within:ring-3 ${
          error
            ? 'border-rose-300 focus-within:border-rose-400 focus-within:ring-rose-100'
            : 'border-slate-300 focus-within:border-accent-500 focus-within:ring-accent-100'
        }`}
      >
        {adornment && <span className="pl-3 text-slate-400">{adornment}</span>}
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`w-full min-w-0 rounded-lg bg-transparent py-2 text-[15px] text-slate-900 outline-none placeholder:text-slate-400 ${
            adornment ? 'pr-3 pl-1.5' : 'px-3'
          }`}
          {...rest}
        />
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-1.5 text-sm text-rose-600">
          {error}
        </p>
      )}
    </div>
  )
}
