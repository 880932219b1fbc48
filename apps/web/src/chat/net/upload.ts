import { type Attachment, httpErrorSchema, uploadAnswerSchema } from '@parley/events'
import { UPLOAD_PATH } from '@parley/events/rules'

/** Who uploads, and to which room: the joined session's name and token. */
export interface UploadTarget {
  room: string
  username: string
  token: string
}

/** An upload on its way: `done` settles with the stored file, or rejects with the reason in words. */
export interface RunningUpload {
  done: Promise<Attachment>
  /** Stops it; `done` then rejects with `UploadCancelled`. */
  abort(): void
}

/** What `done` rejects with when the upload was cancelled (nothing to show the user). */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.')
    this.name = 'UploadCancelled'
  }
}

/** The part of XMLHttpRequest an upload uses, so tests can hand in a fake. */
export type UploadRequest = Pick<
  XMLHttpRequest,
  'open' | 'setRequestHeader' | 'send' | 'abort' | 'status' | 'responseText' | 'onload' | 'onerror' | 'onabort'
> & { upload: Pick<XMLHttpRequestUpload, 'onprogress'> }

/** Where a file is uploaded for `target`: the name, room and user in the query, the bytes as the body. */
export function uploadUrl(target: Pick<UploadTarget, 'room' | 'username'>, name: string): string {
  const query = new URLSearchParams({ room: target.room, user: target.username, name })
  return `${UPLOAD_PATH}?${query}`
}

/** Words for a refusal whose body says nothing readable. */
function statusReason(status: number): string {
  switch (status) {
    case 401:
    case 403:
      return 'You may not upload to this room.'
    case 408:
      return 'The upload took too long and was stopped.'
    case 413:
      return 'The file is too big.'
    case 429:
      return 'Too many uploads: wait a moment, then retry.'
    case 507:
      return 'The server has no room for more files.'
    default:
      return status >= 500
        ? `The server failed to store the file (error ${status}).`
        : `The upload was refused (error ${status}).`
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * What the server's answer to an upload means: the stored file (201, or any 2xx), or why
 * not, in the server's words when it gave some, else in words for the status.
 */
export function readUploadAnswer(status: number, body: string): { file: Attachment } | { error: string } {
  const value = parseJson(body)
  if (status >= 200 && status < 300) {
    const answer = uploadAnswerSchema.safeParse(value)
    return answer.success
      ? { file: answer.data.file }
      : { error: 'The server answered the upload in a way this page does not understand.' }
  }
  const refusal = httpErrorSchema.safeParse(value)
  return { error: refusal.success && refusal.data.error.trim() !== '' ? refusal.data.error : statusReason(status) }
}

/**
 * Sends `file`'s bytes as the body of `POST /api/files` (not multipart), reporting the
 * bytes sent as they go; XMLHttpRequest, because fetch reports no upload progress.
 */
export function startUpload(
  file: Blob,
  name: string,
  target: UploadTarget,
  onProgress: (loaded: number) => void,
  createRequest: () => UploadRequest = () => new XMLHttpRequest(),
): RunningUpload {
  const request = createRequest()
  let cancelled = false
  const done = new Promise<Attachment>((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded)
    }
    request.onload = () => {
      const answer = readUploadAnswer(request.status, request.responseText)
      if ('file' in answer) resolve(answer.file)
      else reject(new Error(answer.error))
    }
    request.onerror = () => reject(new Error('The upload did not reach the server: check the connection, then retry.'))
    request.onabort = () => reject(new UploadCancelled())
    request.open('POST', uploadUrl(target, name))
    request.setRequestHeader('Authorization', `Bearer ${target.token}`)
    request.setRequestHeader('Content-Type', 'application/octet-stream')
    request.send(file)
  })
  return {
    done,
    abort() {
      if (cancelled) return
      cancelled = true
      request.abort()
    },
  }
}
