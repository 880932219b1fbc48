import type { Attachment, UploadLimits } from '@parley/events'
import { FILES_MAX_PER_MESSAGE, formatFileSize } from '@parley/events/rules'

/**
 * A file attached in the composer, on its way to the server or there already. It goes
 * with the next message of its room once every file of that room is uploaded.
 */
export interface PendingUpload {
  /** This tab's own id for it (the server's id comes with `file`). */
  key: string
  room: string
  name: string
  /** Its size in bytes, as the browser read it. */
  size: number
  /** Bytes sent so far. */
  loaded: number
  status: 'uploading' | 'uploaded' | 'failed'
  /** Why it failed, in words; `null` unless failed. */
  error: string | null
  /** The stored file, once uploaded. */
  file: Attachment | null
}

export type UploadAction =
  | { type: 'added'; uploads: Array<Pick<PendingUpload, 'key' | 'room' | 'name' | 'size'>> }
  | { type: 'progress'; key: string; loaded: number }
  | { type: 'uploaded'; key: string; file: Attachment }
  | { type: 'failed'; key: string; error: string }
  | { type: 'retrying'; key: string }
  /** Cancelled, or taken off before sending. */
  | { type: 'removed'; key: string }
  /** The room's files went with a message. */
  | { type: 'sent'; room: string }

function update(state: PendingUpload[], key: string, change: (upload: PendingUpload) => PendingUpload | null) {
  let changed = false
  const next = state.flatMap((upload) => {
    if (upload.key !== key) return [upload]
    changed = true
    const updated = change(upload)
    return updated === null ? [] : [updated]
  })
  return changed ? next : state
}

/** Every room's pending files, in the order attached. */
export function uploadsReducer(state: PendingUpload[], action: UploadAction): PendingUpload[] {
  switch (action.type) {
    case 'added':
      return [
        ...state,
        ...action.uploads.map((upload) => ({
          ...upload,
          loaded: 0,
          status: 'uploading' as const,
          error: null,
          file: null,
        })),
      ]
    case 'progress':
      return update(state, action.key, (upload) =>
        upload.status === 'uploading' ? { ...upload, loaded: Math.min(action.loaded, upload.size) } : upload,
      )
    case 'uploaded':
      return update(state, action.key, (upload) =>
        upload.status === 'uploading'
          ? { ...upload, status: 'uploaded', loaded: upload.size, error: null, file: action.file }
          : upload,
      )
    case 'failed':
      return update(state, action.key, (upload) =>
        upload.status === 'uploading' ? { ...upload, status: 'failed', error: action.error } : upload,
      )
    case 'retrying':
      return update(state, action.key, (upload) =>
        upload.status === 'failed' ? { ...upload, status: 'uploading', loaded: 0, error: null } : upload,
      )
    case 'removed':
      return update(state, action.key, () => null)
    case 'sent': {
      const next = state.filter((upload) => upload.room !== action.room || upload.status !== 'uploaded')
      return next.length === state.length ? state : next
    }
  }
}

/** Where a room's pending files stand, for the composer's Send. */
export interface UploadReadiness {
  /** Still on their way. */
  uploading: number
  failed: number
  /** The stored files, in the order attached: what the message carries. */
  files: Attachment[]
}

/** Whether a room's files can go: its message is sent only when `uploading` and `failed` are both 0. */
export function readiness(uploads: readonly PendingUpload[]): UploadReadiness {
  const files: Attachment[] = []
  let uploading = 0
  let failed = 0
  for (const upload of uploads) {
    if (upload.status === 'uploading') uploading += 1
    else if (upload.status === 'failed') failed += 1
    else if (upload.file) files.push(upload.file)
  }
  return { uploading, failed, files }
}

/** What this page assumes until a join answer says what the server takes. */
const ASSUMED_LIMITS: UploadLimits = { maxBytes: Number.POSITIVE_INFINITY, maxFiles: FILES_MAX_PER_MESSAGE }

/**
 * Which of the files being attached go beside the `held` ones: none the server would refuse
 * for its size, and no more than one message carries. The others are named, in words.
 */
export function admit<F extends { name: string; size: number }>(
  adding: readonly F[],
  held: number,
  limits: UploadLimits | null,
): { taken: F[]; refusal: string | null } {
  const { maxBytes, maxFiles } = limits ?? ASSUMED_LIMITS
  const fitting = adding.filter((file) => file.size <= maxBytes)
  const tooBig = adding.filter((file) => file.size > maxBytes)
  const taken = fitting.slice(0, Math.max(0, maxFiles - held))
  const left = fitting.length - taken.length
  const reasons: string[] = []
  if (tooBig.length === 1 && tooBig[0]) {
    const [file] = tooBig
    reasons.push(`${file.name} is ${formatFileSize(file.size)}: files can be at most ${formatFileSize(maxBytes)}.`)
  } else if (tooBig.length > 1) {
    reasons.push(`${tooBig.length} files are over ${formatFileSize(maxBytes)}, the most a file can be.`)
  }
  if (left > 0)
    reasons.push(`A message carries at most ${maxFiles} files: ${left} ${left === 1 ? 'was' : 'were'} not attached.`)
  return { taken, refusal: reasons.length > 0 ? reasons.join(' ') : null }
}

/** How far along an upload is, 0 to 100. */
export function percentOf(upload: Pick<PendingUpload, 'loaded' | 'size' | 'status'>): number {
  if (upload.status === 'uploaded') return 100
  if (upload.size <= 0) return 0
  return Math.min(100, Math.floor((upload.loaded / upload.size) * 100))
}
