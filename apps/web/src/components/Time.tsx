import { formatTime } from '../chat/model/format.ts'

const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })

/** The full date and time of `timestamp`, in the reader's language and time zone. */
export function fullDateTime(timestamp: number): string {
  return fullFormat.format(timestamp)
}

/** `HH:MM`, with the full date and time on hover (its title) and for machines (its datetime). */
export function Time({ timestamp, className }: { timestamp: number; className: string }) {
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={fullDateTime(timestamp)} className={className}>
      {formatTime(timestamp)}
    </time>
  )
}
