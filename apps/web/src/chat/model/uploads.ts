import type { Attachment } from '@parley/events'
import { FILES_MAX_PER_MESSAGE } from '@parley/events/rules'

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

/** How many of `adding` files fit beside the `held` ones in one message. */
export function roomFor(held: number, adding: number, max = FILES_MAX_PER_MESSAGE): number {
  return Math.max(0, Math.min(adding, max - held))
}

/** How far along an upload is, 0 to 100. */
export function percentOf(upload: Pick<PendingUpload, 'loaded' | 'size' | 'status'>): number {
  if (upload.status === 'uploaded') return 100
  if (upload.size <= 0) return 0
  return Math.min(100, Math.floor((upload.loaded / upload.size) * 100))
}
