const palette = [
  'bg-rose-100 text-rose-700 dark:bg-rose-500/20 dark:text-rose-200',
  'bg-amber-100 text-amber-800 dark:bg-amber-500/20 dark:text-amber-200',
  'bg-emerald-100 text-emerald-700 dark:bg-emerald-500/20 dark:text-emerald-200',
  'bg-sky-100 text-sky-700 dark:bg-sky-500/20 dark:text-sky-200',
  'bg-violet-100 text-violet-700 dark:bg-violet-500/20 dark:text-violet-200',
  'bg-fuchsia-100 text-fuchsia-700 dark:bg-fuchsia-500/20 dark:text-fuchsia-200',
  'bg-teal-100 text-teal-700 dark:bg-teal-500/20 dark:text-teal-200',
  'bg-orange-100 text-orange-700 dark:bg-orange-500/20 dark:text-orange-200',
  'bg-lime-100 text-lime-800 dark:bg-lime-500/20 dark:text-lime-200',
  'bg-indigo-100 text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200',
]

function colorFor(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return palette[hash % palette.length] ?? 'bg-sunken text-ink-soft'
}

function initialOf(name: string): string {
  const first = [...name.trim()][0]
  return first ? first.toLocaleUpperCase() : '?'
}

/**
 * A coloured initial standing in for a person. Decorative: the name is always written next to it,
 * and the initial is drawn by CSS so it stays out of the page's text.
 */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  const dimensions = size === 'sm' ? 'size-6 text-xs' : 'size-9 text-sm'
  return (
    <span
      aria-hidden="true"
      data-initial={initialOf(name)}
      className={`inline-flex shrink-0 select-none items-center justify-center rounded-lg font-semibold before:content-[attr(data-initial)] ${dimensions} ${colorFor(name)}`}
    />
  )
}
