import { describe, expect, test } from 'bun:test'
import { existsSync } from 'node:fs'
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  bytesOf,
  diskSubject,
  type FileStoreSubject,
  fileId,
  postgresSubject,
  putUpload,
} from '../../test/file-stores.ts'
import type { FileClaim } from './file-store.ts'

const ALICE: FileClaim = { room: 'general', author: 'alice-session', key: 'message-1' }
const NOT_YOURS = /is not one of your uploads to this room; upload it again/

describe.each([
  ['disk', diskSubject],
  ['PostgreSQL', postgresSubject],
] as const)('%s file store', (_name, open: () => Promise<FileStoreSubject>) => {
  test('keeps a file of several chunks and its thumbnail, byte for byte, and takes over the parts', async () => {
    await using subject = await open()
    const upload = await putUpload(subject, {
      bytes: 600 * 1024 + 7,
      thumbnail: 9_000,
      record: { type: 'image/png', image: { width: 800, height: 600, thumbWidth: 320, thumbHeight: 240 } },
    })
    const { store } = subject
    expect(await store.get(upload.record.id)).toEqual(upload.record)
    const original = await store.read(upload.record.id, 'original')
    expect(original?.size).toBe(upload.original.byteLength)
    expect(Buffer.compare(await bytesOf(original?.body ?? new Blob()), upload.original)).toBe(0)
    const thumbnail = await store.read(upload.record.id, 'thumbnail')
    expect(thumbnail?.size).toBe(9_000)
    expect(Buffer.compare(await bytesOf(thumbnail?.body ?? new Blob()), upload.thumbnail ?? new Uint8Array())).toBe(0)
    expect(await store.usedBytes()).toBe(600 * 1024 + 7 + 9_000)

    const reopened = await subject.reopen()
    expect(await reopened.get(upload.record.id)).toEqual(upload.record)
    expect(await reopened.usedBytes()).toBe(600 * 1024 + 7 + 9_000)
  })

  test('has nothing for an unknown file, a missing part or an id that is a path', async () => {
    await using subject = await open()
    const upload = await putUpload(subject)
    const { store } = subject
    expect(await store.get(fileId())).toBeUndefined()
    expect(await store.read(fileId(), 'original')).toBeUndefined()
    expect(await store.read(upload.record.id, 'thumbnail')).toBeUndefined()
    expect(await store.get('../files/.incoming')).toBeUndefined()
    expect(await store.read('..', 'original')).toBeUndefined()
  })

  test('a put that fails half-way leaves nothing readable and nothing counted', async () => {
    await using subject = await open()
    const { store } = subject
    const missing = fileId()
    const record = {
      id: missing,
      name: 'a.png',
      type: 'image/png',
      size: 3,
      room: 'general',
      author: 'a',
      username: 'alice',
      createdAt: 1,
    }
    await expect(store.put({ record, parts: { original: subject.partPath() } })).rejects.toThrow()

    const original = subject.partPath()
    await writeFile(original, 'abc')
    await expect(store.put({ record, parts: { original, thumbnail: subject.partPath() } })).rejects.toThrow()
    expect(existsSync(original)).toBe(false)

    const wrongSize = subject.partPath()
    await writeFile(wrongSize, 'abcd')
    await expect(store.put({ record, parts: { original: wrongSize } })).rejects.toThrow(/4 bytes/)

    expect(await store.get(missing)).toBeUndefined()
    expect(await store.read(missing, 'original')).toBeUndefined()
    expect(await subject.bytesKept(missing)).toBe(false)
    expect(await store.usedBytes()).toBe(0)
    expect(await (await subject.reopen()).usedBytes()).toBe(0)
  })

  test('refuses to put a second file under an id that is taken, keeping the first', async () => {
    await using subject = await open()
    const first = await putUpload(subject, { bytes: 10 })
    await expect(putUpload(subject, { bytes: 10, record: { id: first.record.id } })).rejects.toThrow()
    const kept = await subject.store.read(first.record.id, 'original')
    expect(Buffer.compare(await bytesOf(kept?.body ?? new Blob()), first.original)).toBe(0)
    expect(await subject.store.usedBytes()).toBe(10)
  })

  test('a file is claimed only by its author, for its room, by one message', async () => {
    await using subject = await open()
    const { store } = subject
    const { record } = await putUpload(subject)
    const id = record.id
    const unknown = await store.claim([fileId()], ALICE)
    expect(unknown).toMatch(NOT_YOURS)
    expect(await store.claim([id], { ...ALICE, room: 'random' })).toBe(
      `File ${id} is not one of your uploads to this room; upload it again`,
    )
    expect(await store.claim([id], { ...ALICE, author: 'mallory-session' })).toBe(
      `File ${id} is not one of your uploads to this room; upload it again`,
    )
    expect(await store.get(id)).toEqual(record)

    // The records as they stood: unclaimed the first time; the second time, claimed by this message.
    expect(await store.claim([id], ALICE)).toEqual([record])
    expect((await store.get(id))?.claim).toBe('message-1')
    expect(await store.claim([id], ALICE)).toEqual([{ ...record, claim: 'message-1' }])
    expect(await store.claim([id], { ...ALICE, key: 'message-2' })).toMatch(/already in another message/)
    expect(await store.claim([id, id], ALICE)).toMatch(/attached twice/)
    expect(await store.claim([], ALICE)).toEqual([])
  })

  test('claims all the files or none, answering the records in the order asked', async () => {
    await using subject = await open()
    const { store } = subject
    const [a, b, c] = [await putUpload(subject), await putUpload(subject), await putUpload(subject)]
    if (!a || !b || !c) throw new Error('three uploads')
    expect(await store.claim([b.record.id], { ...ALICE, key: 'other' })).toHaveLength(1)

    expect(await store.claim([a.record.id, b.record.id], ALICE)).toMatch(/already in another message/)
    expect(await store.claim([a.record.id, fileId()], ALICE)).toMatch(NOT_YOURS)
    expect((await store.get(a.record.id))?.claim).toBeUndefined()

    const both = await store.claim([c.record.id, a.record.id], ALICE)
    expect(Array.isArray(both) && both.map((record) => record.id)).toEqual([c.record.id, a.record.id])
  })

  test('two messages claiming the same files at once: exactly one gets each', async () => {
    await using subject = await open()
    const [first, second] = [subject.store, await subject.rival()]
    const ids = []
    for (let i = 0; i < 20; i++) ids.push((await putUpload(subject, { bytes: 10 })).record.id)
    const answers = await Promise.all(
      ids.flatMap((id) => [first.claim([id], { ...ALICE, key: 'one' }), second.claim([id], { ...ALICE, key: 'two' })]),
    )
    for (const [i, id] of ids.entries()) {
      const [one, two] = [answers[2 * i], answers[2 * i + 1]]
      expect([one, two].filter(Array.isArray)).toHaveLength(1)
      expect((await first.get(id))?.claim).toBe(Array.isArray(one) ? 'one' : 'two')
    }
  })

  test('release gives back only what that message took', async () => {
    await using subject = await open()
    const { store } = subject
    const { record } = await putUpload(subject)
    await store.claim([record.id], ALICE)
    await store.release([record.id], 'message-2')
    expect((await store.get(record.id))?.claim).toBe('message-1')
    await store.release([record.id, fileId()], 'message-1')
    expect((await store.get(record.id))?.claim).toBeUndefined()
    expect(await store.claim([record.id], { ...ALICE, key: 'message-2' })).toHaveLength(1)
  })

  test('remove deletes the file and its bytes', async () => {
    await using subject = await open()
    const { store } = subject
    const gone = await putUpload(subject, { bytes: 300 * 1024, thumbnail: 500 })
    const kept = await putUpload(subject, { bytes: 100 })
    await store.claim([gone.record.id], ALICE)
    expect(await subject.bytesKept(gone.record.id)).toBe(true)
    await store.remove([gone.record.id, fileId()])
    expect(await store.get(gone.record.id)).toBeUndefined()
    expect(await store.read(gone.record.id, 'original')).toBeUndefined()
    expect(await store.read(gone.record.id, 'thumbnail')).toBeUndefined()
    expect(await subject.bytesKept(gone.record.id)).toBe(false)
    expect(await store.get(kept.record.id)).toEqual(kept.record)
    expect(await store.usedBytes()).toBe(100)
  })

  test('sweep removes old files no message took, and keeps claimed and recent ones', async () => {
    await using subject = await open()
    const { store } = subject
    const now = Date.now()
    const old = await putUpload(subject, { bytes: 11, record: { createdAt: now - 120_000 } })
    const sent = await putUpload(subject, { bytes: 13, record: { createdAt: now - 120_000 } })
    const recent = await putUpload(subject, { bytes: 17, record: { createdAt: now } })
    await store.claim([sent.record.id], ALICE)
    expect(await store.sweep(now - 60_000)).toBe(1)
    expect(await store.get(old.record.id)).toBeUndefined()
    expect(await subject.bytesKept(old.record.id)).toBe(false)
    expect(await store.get(sent.record.id)).toBeDefined()
    expect(await store.get(recent.record.id)).toBeDefined()
    expect(await store.usedBytes()).toBe(13 + 17)
    expect(await store.sweep(now - 60_000)).toBe(0)
  })
})

describe('disk file store', () => {
  test('sweep clears what a crash left half-built, once it is old', async () => {
    await using subject = await diskSubject()
    const incoming = join(subject.dir ?? '', '.incoming')
    await mkdir(join(incoming, 'crashed'))
    await writeFile(join(incoming, 'crashed', 'original'), 'half')
    await mkdir(join(incoming, 'building'))
    const hourAgo = new Date(Date.now() - 3_600_000)
    await utimes(join(incoming, 'crashed'), hourAgo, hourAgo)
    expect(await subject.store.sweep(Date.now() - 60_000)).toBe(0)
    expect(await readdir(incoming)).toEqual(['building'])
  })

  test('a directory without a good record is never served', async () => {
    await using subject = await diskSubject()
    const id = fileId()
    await mkdir(join(subject.dir ?? '', id))
    await writeFile(join(subject.dir ?? '', id, 'record.json'), '{"id":"nope"}')
    await writeFile(join(subject.dir ?? '', id, 'original'), 'abc')
    const store = await subject.reopen()
    expect(await store.get(id)).toBeUndefined()
    expect(await store.read(id, 'original')).toBeUndefined()
    expect(await store.usedBytes()).toBe(0)
  })
})
