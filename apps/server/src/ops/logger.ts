export const logLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof logLevels)[number]

/** What a log line may carry: names and numbers, never message text or tokens. */
export type LogFields = Record<string, string | number | boolean | undefined> & {
  time?: never
  level?: never
  event?: never
}

export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export interface LoggerOptions {
  level: LogLevel
  /** `json`: one object per line, for production; `pretty`: readable lines, for development. */
  format: 'json' | 'pretty'
  write?: (line: string) => void
}

/** A logger that writes one line per event. */
export function createLogger({
  level,
  format,
  write = (line) => process.stdout.write(`${line}\n`),
}: LoggerOptions): Logger {
  const threshold = logLevels.indexOf(level)
  const line =
    (at: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (logLevels.indexOf(at) < threshold) return
      const time = new Date().toISOString()
      if (format === 'json') return write(JSON.stringify({ time, level: at, event, ...fields }))
      const details = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')
      write(`${time.slice(11, 23)} ${at.toUpperCase().padEnd(5)} ${event}${details ? ` ${details}` : ''}`)
    }
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') }
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
