import { describe, expect, test } from 'bun:test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { httpErrorSchema, uploadAnswerSchema } from '@parley/events'
import { failure } from '../../test/clients.ts'
import { ELF_HEADER, solidImage } from '../../test/sample-images.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'
import { stalledUpload, type Uploader, upload } from '../../test/uploads.ts'
import type { FileLimits } from './file-limits.ts'

async function aliceIn(room: string, fileLimits: Partial<FileLimits> = {}, filesDir?: string) {
  const parley = await startParley(filesDir ? { fileLimits, filesDir } : { fileLimits })
  const alice = parley.client()
  const { token } = await alice.request('join', { username: 'alice', room })
  const who: Uploader = { http: parley.http, room, user: 'alice', token }
  return { parley, alice, who, [Symbol.asyncDispose]: () => parley.stop() }
}

async function refusal(response: Response) {
  return { status: response.status, error: httpErrorSchema.parse(await response.json()).error }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe('uploads refused in words', () => {
  test('without a session, under another name, or outside the room', async () => {
    await using at = await aliceIn('r')
    expect(await refusal(await upload({ ...at.who, token: '' }, 'a.txt', 'hi'))).toEqual({
      status: 401,
      error: 'Join a room first: uploads need your session token',
    })
    expect(await refusal(await upload({ ...at.who, token: 'x'.repeat(32) }, 'a.txt', 'hi'))).toEqual({
      status: 403,
      error: 'Join "r" as alice to upload files there',
    })
    expect((await upload({ ...at.who, user: 'bob' }, 'a.txt', 'hi')).status).toBe(403)
    expect((await upload({ ...at.who, room: 'other' }, 'a.txt', 'hi')).status).toBe(403)
  })

  test('empty, too big, damaged, or an executable dressed as a PNG', async () => {
    await using at = await aliceIn('r', { maxBytes: 1000 })
    expect(await refusal(await upload(at.who, 'empty.txt', ''))).toEqual({ status: 422, error: 'The file is empty' })
    expect(await refusal(await upload(at.who, 'big.bin', new Uint8Array(1500)))).toEqual({
      status: 413,
      error: 'Files can be at most 1 KB; this one is 1.5 KB',
    })
    const disguised = await refusal(
      await upload(at.who, 'cat.png', new Uint8Array([...PNG_SIGNATURE, ...ELF_HEADER, ...new Uint8Array(100)])),
    )
    expect(disguised).toEqual({ status: 415, error: expect.stringContaining('PNG') })
    const truncated = await refusal(
      await upload(at.who, 'cut.png', (await solidImage(300, 300, 'png')).subarray(0, 200)),
    )
    expect(truncated).toEqual({ status: 422, error: expect.stringContaining('cut short') })
  })

  test('a session may run as many uploads at once as a message carries files', async () => {
    using data = temporaryDataDir()
    const filesDir = join(data.dataDir, 'files')
    await using at = await aliceIn('r', { maxFilesPerMessage: 1, stallSeconds: 1 }, filesDir)
    const stalled = stalledUpload(at.who, 'slow.log', 2000, 1000)
    const arriving = () => readdirSync(join(filesDir, '.uploads')).some((name) => name.endsWith('.upload'))
    await until(arriving, 'the first upload to be arriving')
    expect(await refusal(await upload(at.who, 'next.txt', 'x'))).toEqual({
      status: 429,
      error: 'You have an upload running; send more once one has finished',
    })
    expect(await stalled).toBe('HTTP/1.1 408 Request Timeout')
    expect((await upload(at.who, 'next.txt', 'x')).status).toBe(201)
  })

  test('names are cleaned: no folders, no direction overrides or NUL, not 300 characters long', async () => {
    await using at = await aliceIn('r')
    const name = `../../etc/${'a'.repeat(300)}\u202Egnp.exe\u0000.txt`
    const { file } = uploadAnswerSchema.parse(await (await upload(at.who, name, 'text')).json())
    expect(file.name).not.toContain('/')
    expect(file.name).not.toContain('\u202E')
    expect(file.name).not.toContain('\u0000')
    expect(file.name.length).toBeLessThanOrEqual(120)
    expect(file.name).toEndWith('.txt')
  })

  test('uploads per minute, files per message, and the storage total (also for uploads at once)', async () => {
    await using at = await aliceIn('r', { uploadsPerMinute: 3, maxFilesPerMessage: 2 })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const response = await upload(at.who, `${i}.txt`, 'x'.repeat(500))
      ids.push(uploadAnswerSchema.parse(await response.json()).file.id)
    }
    const tooFast = await refusal(await upload(at.who, 'next.txt', 'x'))
    expect(tooFast.status).toBe(429)
    expect(tooFast.error).toStartWith('You are uploading too fast: 3 files a minute; try again in')
    expect(await failure(at.alice.request('sendMessage', { room: 'r', message: 'all', files: ids }))).toBe(
      'A message can carry at most 2 files',
    )
    // Two uploads of 600 bytes at once would pass 1,000 together: one of them is refused.
    await using more = await aliceIn('r', { maxTotalBytes: 1000 })
    const both = await Promise.all([1, 2].map((i) => upload(more.who, `${i}.txt`, 'y'.repeat(600))))
    expect(both.map((response) => response.status).sort()).toEqual([201, 507])
  })
})
