// Uploads and downloads as the web app makes them: a joined session's token, the file's bytes
// as the request body (streamed from a file on disk, so the load never holds them), and a
// download read to its end and counted.
import { type Attachment, events, uploadAnswerSchema } from '@parley/events'
import { fileUrl, UPLOAD_PATH } from '@parley/events/rules'
import { createClient } from '@parley/wsx/client'
import type { Uploader } from '../../apps/server/test/uploads.ts'

/** Sessions joined to one room, each able to upload there while they stay open. */
export interface UploadSessions {
  readonly uploaders: readonly Uploader[]
  close(): void
}

/** Joins `count` names to `room` over WebSockets: uploading needs a session that is in the room. */
export async function joinUploaders(url: string, http: string, room: string, count: number): Promise<UploadSessions> {
  const clients = Array.from({ length: count }, () => createClient(url, events, { validate: false, reconnect: false }))
  const close = () => {
    for (const client of clients) client.close()
  }
  try {
    const uploaders: Uploader[] = []
    for (const [i, client] of clients.entries()) {
      client.connect()
      const user = `uploader-${i}`
      const { token } = await client.request('join', { username: user, room })
      uploaders.push({ http, room, user, token })
    }
    return { uploaders, close }
  } catch (error) {
    close()
    throw error
  }
}

/** What a transfer gave, and its seconds from the request's start to its end. */
export interface Timed<T> {
  value: T
  seconds: number
}

/**
 * Uploads the file at `path` as `name`: `Bun.file` as the body, so Bun sends it from disk
 * with its Content-Length. Rejects unless the server stored it (201), whole unless it is an image.
 */
export async function uploadFromDisk(who: Uploader, path: string, name: string): Promise<Timed<Attachment>> {
  const body = Bun.file(path)
  const query = new URLSearchParams({ room: who.room, user: who.user, name })
  const started = performance.now()
  const response = await fetch(`${who.http}${UPLOAD_PATH}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}` },
    body,
  })
  const answer: unknown = await response.json()
  const seconds = (performance.now() - started) / 1000
  if (response.status !== 201)
    throw new Error(`upload of ${name} answered ${response.status}: ${JSON.stringify(answer)}`)
  const { file } = uploadAnswerSchema.parse(answer)
  // An image is kept re-encoded, at a size of its own; anything else exactly as sent.
  if (!file.image && file.size !== body.size) throw new Error(`${name}: ${body.size} bytes sent, ${file.size} stored`)
  return { value: file, seconds }
}

/**
 * Downloads `file` from the server at `http`, reading the body to its end and counting it
 * (the bytes are dropped as they come); rejects unless all of them arrived. With `hasher`,
 * they are also fed to it, to check them against what was sent.
 */
export async function download(http: string, file: Attachment, hasher?: Bun.CryptoHasher): Promise<Timed<number>> {
  const started = performance.now()
  const response = await fetch(`${http}${fileUrl(file.id, file.name)}`)
  if (response.status !== 200 || !response.body) throw new Error(`download of ${file.name} answered ${response.status}`)
  let received = 0
  for await (const chunk of response.body) {
    received += chunk.byteLength
    hasher?.update(chunk)
  }
  const seconds = (performance.now() - started) / 1000
  if (received !== file.size) throw new Error(`download of ${file.name}: ${received} of ${file.size} bytes`)
  return { value: received, seconds }
}
