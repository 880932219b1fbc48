import { describe, expect, test } from 'bun:test'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { uploadAnswerSchema } from '@parley/events'
import { fileUrl, thumbnailUrl } from '@parley/events/rules'
import { SQL } from 'bun'
import sharp from 'sharp'
import { failure, nextPush } from '../../test/clients.ts'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { phonePhoto, solidImage } from '../../test/sample-images.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'
import { stalledUpload, type Uploader, upload } from '../../test/uploads.ts'
import type { AppConfig } from '../config.ts'
import { FILE_CONTENT_SECURITY_POLICY } from './download-route.ts'

/** Where a test's files end up, so it can look for their bytes after a deletion. */
interface StorageMode {
  name: string
  start(): Promise<
    {
      config: Partial<AppConfig>
      /** How much of a file's bytes storage holds: files on disk, or chunks in PostgreSQL. */
      bytesOf(id: string): Promise<number>
      /** Where uploads arrive before they are stored. */
      uploadsDir: string
    } & AsyncDisposable
  >
}

const disk: StorageMode = {
  name: 'one instance, files on disk',
  async start() {
    const data = temporaryDataDir()
    const filesDir = join(data.dataDir, 'files')
    return {
      config: { storage: { dataDir: data.dataDir } },
      uploadsDir: join(filesDir, '.uploads'),
      bytesOf: async (id) => (existsSync(join(filesDir, id)) ? readdirSync(join(filesDir, id)).length : 0),
      [Symbol.asyncDispose]: async () => data.remove(),
    }
  },
}

const postgres: StorageMode = {
  name: 'PostgreSQL',
  async start() {
    const data = temporaryDataDir()
    const schema = await temporaryPostgresSchema()
    const sql = new SQL(schema.url)
    return {
      config: { storage: { dataDir: data.dataDir, databaseUrl: schema.url } },
      uploadsDir: join(data.dataDir, 'files', '.uploads'),
      bytesOf: async (id) => Number((await sql`SELECT count(*) AS n FROM file_chunks WHERE file_id = ${id}`)[0].n),
      [Symbol.asyncDispose]: async () => {
        await sql.close()
        await schema.remove()
        data.remove()
      },
    }
  },
}

async function roomOfTwo(mode: StorageMode, extra: Partial<AppConfig> = {}) {
  const storage = await mode.start()
  const parley = await startParley({ ...storage.config, ...extra })
  const alice = parley.client()
  const bob = parley.client()
  const joined = await alice.request('join', { username: 'alice', room: 'r' })
  const bobJoined = await bob.request('join', { username: 'bob', room: 'r' })
  const asAlice: Uploader = { http: parley.http, room: 'r', user: 'alice', token: joined.token }
  const asBob: Uploader = { http: parley.http, room: 'r', user: 'bob', token: bobJoined.token }
  return {
    parley,
    alice,
    bob,
    asAlice,
    asBob,
    bytesOf: storage.bytesOf,
    uploadsDir: storage.uploadsDir,
    async [Symbol.asyncDispose]() {
      await parley.stop()
      await storage[Symbol.asyncDispose]()
    },
  }
}

async function uploaded(response: Response) {
  expect(response.status).toBe(201)
  return uploadAnswerSchema.parse(await response.json()).file
}

for (const mode of [disk, postgres]) {
  describe(`files, ${mode.name}`, () => {
    test('a screenshot and a log sent with a caption reach the room with their sizes; both download with safe headers', async () => {
      await using room = await roomOfTwo(mode)
      const shot = await uploaded(await upload(room.asAlice, 'screen shot.png', await solidImage(1200, 800, 'png')))
      expect(shot).toMatchObject({ name: 'screen shot.png', type: 'image/png' })
      expect(shot.image).toEqual({ width: 1200, height: 800, thumbWidth: 480, thumbHeight: 320 })
      const log = await uploaded(await upload(room.asAlice, 'server.log', 'line one\nline two\n'))
      expect(log).toMatchObject({ name: 'server.log', type: 'text/plain; charset=utf-8', size: 18 })
      expect(log.image).toBeUndefined()

      const heard = nextPush(room.bob, 'message')
      await room.alice.request('sendMessage', { room: 'r', message: 'look', files: [shot.id, log.id] })
      const message = await heard
      expect(message.message).toBe('look')
      expect(message.files).toEqual([shot, log])

      const thumbnail = await fetch(room.parley.http + thumbnailUrl(shot.id))
      expect(thumbnail.headers.get('content-type')).toBe('image/webp')
      expect(await sharp(await thumbnail.arrayBuffer()).metadata()).toMatchObject({ width: 480, height: 320 })
      const image = await fetch(room.parley.http + fileUrl(shot.id, shot.name))
      expect(image.headers.get('content-disposition')).toStartWith('inline;')
      const text = await fetch(room.parley.http + fileUrl(log.id, log.name))
      expect(await text.text()).toBe('line one\nline two\n')
      expect(Object.fromEntries(text.headers)).toMatchObject({
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="server.log"; filename*=UTF-8''server.log`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': FILE_CONTENT_SECURITY_POLICY,
      })
      // History brings the files too.
      const page = await room.bob.request('history', { room: 'r' })
      expect(page.messages.at(-1)?.files).toEqual([shot, log])
    })

    test('a photo loses its EXIF (location included) and HTML downloads as a file, whatever its name says', async () => {
      await using room = await roomOfTwo(mode)
      const photo = await uploaded(await upload(room.asAlice, 'photo.jpg', await phonePhoto()))
      const bytes = Buffer.from(await (await fetch(room.parley.http + fileUrl(photo.id, photo.name))).arrayBuffer())
      expect((await sharp(bytes).metadata()).exif).toBeUndefined()
      expect(bytes.includes('Parley Phone')).toBe(false)

      const page = await uploaded(await upload(room.asAlice, 'cat.png', '<!doctype html><script>alert(1)</script>'))
      expect(page.type).toBe('text/html; charset=utf-8')
      const served = await fetch(room.parley.http + fileUrl(page.id, page.name))
      expect(served.headers.get('content-disposition')).toStartWith('attachment;')
      expect(served.headers.get('content-security-policy')).toContain('sandbox')
    })

    test('deleting the message deletes its files: gone from storage, and the links answer 404', async () => {
      await using room = await roomOfTwo(mode)
      const shot = await uploaded(await upload(room.asAlice, 'a.png', await solidImage(40, 30, 'png')))
      expect(await room.bytesOf(shot.id)).toBeGreaterThan(0)
      const sent = await room.alice.request('sendMessage', { room: 'r', message: '', files: [shot.id] })
      const changed = nextPush(room.bob, 'messageChanged')
      await room.alice.request('deleteMessage', { room: 'r', seq: sent.seq, clientId: 'delete-shot-1' })
      expect((await changed).message.files).toBeUndefined()
      // The bytes go once the deletion is stored, just after its answer.
      await until(async () => (await room.bytesOf(shot.id)) === 0, 'the deleted file to leave storage')
      expect((await fetch(room.parley.http + fileUrl(shot.id, 'a.png'))).status).toBe(404)
      // Nor does any other id, or a path that is no id, find anything.
      expect((await fetch(room.parley.http + fileUrl('A'.repeat(22), 'a.png'))).status).toBe(404)
      expect((await fetch(`${room.parley.http}/files/..%2F..%2Fparley.db/x`)).status).toBe(404)
      expect((await fetch(room.parley.http + thumbnailUrl(shot.id))).status).toBe(404)
      expect((await room.bob.request('history', { room: 'r' })).messages.at(-1)?.files).toBeUndefined()
    })

    test('an upload that stalls half-way is dropped with 408 and its bytes removed', async () => {
      await using room = await roomOfTwo(mode, { fileLimits: { stallSeconds: 0.3 } })
      expect(await stalledUpload(room.asAlice, 'big.log', 200_000, 100_000)).toBe('HTTP/1.1 408 Request Timeout')
      await until(() => readdirSync(room.uploadsDir).length === 0, 'the stalled upload to be removed')
    })

    test('only its uploader can send a file, to the room it was uploaded to, in one message', async () => {
      await using room = await roomOfTwo(mode)
      const shot = await uploaded(await upload(room.asAlice, 'a.png', await solidImage(20, 20, 'png')))
      expect(await failure(room.bob.request('sendMessage', { room: 'r', message: 'mine now', files: [shot.id] }))).toBe(
        `File ${shot.id} is not one of your uploads to this room; upload it again`,
      )
      await room.alice.request('join', { username: 'alice', room: 'elsewhere' })
      expect(
        await failure(room.alice.request('sendMessage', { room: 'elsewhere', message: 'x', files: [shot.id] })),
      ).toContain('upload it again')
      await room.alice.request('sendMessage', { room: 'r', message: 'once', files: [shot.id] })
      expect(
        await failure(room.alice.request('sendMessage', { room: 'r', message: 'twice', files: [shot.id] })),
      ).toContain('upload it again')
    })
  })
}
