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

/** Sizes as people read them, and as `formatFileSize` shows them: in powers of 1000. */
const MB = 1_000_000

export const defaultFileLimits: FileLimits = {
  maxBytes: 25 * MB,
  maxFilesPerMessage: 10,
  uploadsPerMinute: 30,
  maxTotalBytes: 0,
  minFreeBytes: 1000 * MB,
  stallSeconds: 30,
  maxPixels: 50_000_000,
  unsentMs: 24 * 60 * 60 * 1000,
}
