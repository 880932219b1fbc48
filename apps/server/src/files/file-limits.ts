/** What uploads may do; every number has an environment variable (see README). */
export interface FileLimits {
  /** Bytes one file may have (`UPLOAD_MAX_BYTES`). */
  maxBytes: number
  /** Files one message may carry (`UPLOAD_MAX_FILES`). */
  maxFilesPerMessage: number
  /** Uploads one session may start per minute (`UPLOADS_PER_MINUTE`); 0: no limit. */
  uploadsPerMinute: number
  /** Bytes all stored files may take on this instance's store (`FILES_MAX_TOTAL_BYTES`); 0: no limit. */
  maxTotalBytes: number
  /** Uploads are refused while the disk would keep less than this free (`UPLOAD_MIN_FREE_BYTES`). */
  minFreeBytes: number
  /** An upload that sends nothing for this long is dropped and its bytes removed (`UPLOAD_STALL_SECONDS`). */
  stallSeconds: number
  /** Pixels an image may have, so a small file cannot unpack into gigabytes (`UPLOAD_MAX_PIXELS`). */
  maxPixels: number
  /** An upload no message sends within this long is removed (`UPLOAD_UNSENT_HOURS`, in ms here). */
  unsentMs: number
}

const MB = 1024 * 1024

export const defaultFileLimits: FileLimits = {
  maxBytes: 25 * MB,
  maxFilesPerMessage: 10,
  uploadsPerMinute: 30,
  maxTotalBytes: 0,
  minFreeBytes: 1024 * MB,
  stallSeconds: 30,
  maxPixels: 50_000_000,
  unsentMs: 24 * 60 * 60 * 1000,
}

/** A byte count as a person reads it: "812 bytes", "1.4 MB", "25 MB". */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const shown = value >= 10 || Number.isInteger(value) ? Math.round(value) : Math.round(value * 10) / 10
  return `${shown} ${units[unit]}`
}
