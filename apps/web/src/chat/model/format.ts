// Made once: building a formatter costs far more than formatting with it.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })

/** The hour and minute of `timestamp`, as the reader's locale writes them ("14:05", "2:05 PM"), in their time zone. */
export function formatTime(timestamp: number): string {
  return timeFormat.format(timestamp)
}

/** The full date and time of `timestamp`, in the reader's language and time zone. */
export function formatFullDateTime(timestamp: number): string {
  return fullFormat.format(timestamp)
}
