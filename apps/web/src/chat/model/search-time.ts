// Made once: building a formatter costs far more than formatting with it.
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})
const dayOfYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

/**
 * When a found message was written, as short as it can be told apart: the time for today,
 * the day and time this year, the day and year before that (in the reader's locale and zone).
 */
export function formatResultTime(timestamp: number, now: number): string {
  const then = new Date(timestamp)
  const today = new Date(now)
  if (sameDay(then, today)) return timeOnly.format(then)
  if (then.getFullYear() === today.getFullYear()) return dayAndTime.format(then)
  return dayOfYear.format(then)
}
