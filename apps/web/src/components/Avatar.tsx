const palette = [
  'bg-rose-100 text-rose-700',
  'bg-amber-100 text-amber-800',
  'bg-emerald-100 text-emerald-700',
  'bg-sky-100 text-sky-700',
  'bg-violet-100 text-violet-700',
  'bg-fuchsia-100 text-fuchsia-700',
  'bg-teal-100 text-teal-700',
  'bg-orange-100 text-orange-700',
  'bg-lime-100 text-lime-800',
  'bg-indigo-100 text-indigo-700',
]

function colorFor(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return palette[hash % palette.length] ?? 'bg-slate-100 text-slate-700'
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
