import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type Attachment, roomNameSchema, sessionTokenSchema, usernameSchema } from '@parley/events'
import { formatFileSize, UPLOAD_PATH } from '@parley/events/rules'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { sessionAuthor } from '../chat/session-author.ts'
import { TokenBucket } from '../connections/token-bucket.ts'
import type { Logger } from '../ops/logger.ts'
import type { FileLimits } from './file-limits.ts'
import { safeFileName } from './file-names.ts'
import type { FileStore } from './file-store.ts'
import { inspectUpload } from './inspect-upload.ts'
import { receiveUpload, UploadRefusal } from './receive-upload.ts'
import { UploadCapacity } from './upload-capacity.ts'

/** Whether `token` holds `username` and that name is in `room` right now: the right to upload there. */
export type SessionCheck = (room: string, username: string, token: string) => Promise<boolean>

export interface UploadDependencies {
  store: FileStore
  limits: FileLimits
  /** Where uploads are written while they arrive (on the store's filesystem for the disk store). */
  workDir: string
  sessionIn: SessionCheck
  log: Logger
}

const uploadQuery = z.object({
  room: roomNameSchema,
  user: usernameSchema,
  name: z.string().max(1_000, 'A file name has at most 1,000 characters').default(''),
})

const answer = (status: number, body: unknown) => Response.json(body, { status })

/** A new file's id: 128 random bits, so that knowing it is the right to download it. */
function newFileId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')
}

/**
 * `POST /api/files?room=&user=&name=` with `Authorization: Bearer <session token>` and the
 * file as the body: written to disk as it arrives, its type read from its bytes, an image
 * re-encoded without its metadata and given a thumbnail, then kept in the store. The answer
 * is the file, waiting for a message to send it; every refusal is a status and words.
 */
export async function uploadRoute({ store, limits, workDir, sessionIn, log }: UploadDependencies) {
  // What is here was cut off by a crash or a kill: each instance has a folder of its own.
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const capacity = new UploadCapacity(store, limits, workDir)
  /** Each session's uploads, and when it last started one: a bucket unused for a minute is full again, and dropped. */
  const rates = new Map<string, { bucket: TokenBucket; usedAt: number }>()
  const pruneRates = setInterval(() => {
    const idle = performance.now() - 60_000
    for (const [author, rate] of rates) if (rate.usedAt < idle) rates.delete(author)
  }, 60_000)
  pruneRates.unref()

  /** Uploads arriving now, per session: as many at once as one message may carry. */
  const running = new Map<string, number>()

  function checkRate(author: string): void {
    if (limits.uploadsPerMinute === 0) return
    const rate = rates.get(author) ?? {
      bucket: new TokenBucket(limits.uploadsPerMinute / 60, limits.uploadsPerMinute),
      usedAt: 0,
    }
    rates.set(author, rate)
    rate.usedAt = performance.now()
    const bucket = rate.bucket
    if (!bucket.take()) {
      const wait = Math.ceil(bucket.waitMs / 1000)
      throw new UploadRefusal(
        429,
        `You are uploading too fast: ${limits.uploadsPerMinute} files a minute; try again in ${wait} s`,
      )
    }
  }

  function finished(author: string): void {
    const left = (running.get(author) ?? 1) - 1
    if (left > 0) running.set(author, left)
    else running.delete(author)
  }

  async function upload(request: Request): Promise<Attachment> {
    const query = uploadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
    if (!query.success) throw new UploadRefusal(400, query.error.issues.map((issue) => issue.message).join('; '))
    const { room, user, name } = query.data
    const token = sessionTokenSchema.safeParse(request.headers.get('authorization')?.replace(/^Bearer /i, ''))
    if (!token.success) throw new UploadRefusal(401, 'Join a room first: uploads need your session token')
    if (!(await sessionIn(room, user, token.data))) {
      throw new UploadRefusal(403, `Join "${room}" as ${user} to upload files there`)
    }
    const author = sessionAuthor(token.data)
    checkRate(author)
    const length = Number(request.headers.get('content-length') ?? Number.NaN)
    if (!Number.isSafeInteger(length) || length < 0)
      throw new UploadRefusal(411, "Send the file's size (Content-Length)")
    if (length === 0 || !request.body) throw new UploadRefusal(422, 'The file is empty')
    if (length > limits.maxBytes) {
      throw new UploadRefusal(
        413,
        `Files can be at most ${formatFileSize(limits.maxBytes)}; this one is ${formatFileSize(length)}`,
      )
    }
    const now = running.get(author) ?? 0
    if (now >= limits.maxFilesPerMessage) {
      const held = now === 1 ? 'an upload' : `${now} uploads`
      throw new UploadRefusal(429, `You have ${held} running; send more once one has finished`)
    }
    running.set(author, now + 1)
    const release = await capacity.reserve(length).catch((error: unknown) => {
      finished(author)
      throw error
    })
    const id = newFileId()
    const path = join(workDir, `${id}.upload`)
    try {
      await receiveUpload(request.body, path, { expected: length, stallMs: limits.stallSeconds * 1000 })
      const inspected = await inspectUpload(path, { maxPixels: limits.maxPixels })
      if (inspected.kind === 'refused') throw new UploadRefusal(inspected.status, inspected.reason)
      const file: Attachment = { id, name: safeFileName(name), type: inspected.type, size: inspected.size }
      if (inspected.image) file.image = inspected.image
      await store.put({
        record: { ...file, room, author, username: user, createdAt: Date.now() },
        parts: { original: inspected.original, thumbnail: inspected.thumbnail },
      })
      log.info('file-stored', { room, type: file.type, size: file.size })
      return file
    } finally {
      release()
      finished(author)
      // Only the upload itself can be left: inspection removes what it could not finish, and `put` takes the parts.
      await rm(path, { force: true })
    }
  }

  return new Elysia({ name: 'file-uploads' })
    .post(UPLOAD_PATH, async ({ request }) => {
      try {
        return answer(201, { file: await upload(request) })
      } catch (error) {
        if (error instanceof UploadRefusal) return answer(error.status, { error: error.message })
        log.error('upload-failed', { error: error instanceof Error ? error.message : String(error) })
        return answer(500, { error: 'The file could not be stored; try again' })
      }
    })
    .onStop(() => clearInterval(pruneRates))
}
