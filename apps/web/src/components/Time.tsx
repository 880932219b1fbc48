import { formatFullDateTime, formatTime } from '../chat/model/format.ts'

/** The hour and minute in the reader's locale, with the full date and time on hover (its title) and for machines (its datetime). */
export function Time({ timestamp, className }: { timestamp: number; className: string }) {
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={formatFullDateTime(timestamp)} className={className}>
      {formatTime(timestamp)}
    </time>
  )
}
