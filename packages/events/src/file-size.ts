const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

/**
 * A size in bytes as people read it, in powers of 1000 as file managers show them:
 * "1 byte", "512 bytes", "1.2 MB", "25 MB". Below 10 of a unit one decimal shows (when it
 * is not 0), from 10 on whole numbers; 999.96 KB reads "1 MB", never "1000 KB".
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?'
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`
  let value = bytes
  for (const unit of UNITS) {
    value /= 1000
    const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value)
    if (shown < 1000 || unit === 'TB') return `${shown} ${unit}`
  }
  return '?'
}
