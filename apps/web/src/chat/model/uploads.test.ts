import { describe, expect, test } from 'bun:test'
import type { Attachment } from '@parley/events'
import { admit, type PendingUpload, percentOf, readiness, type UploadAction, uploadsReducer } from './uploads.ts'

const stored = (id: string, name: string): Attachment => ({
  id: id.padEnd(22, 'x'),
  name,
  type: 'text/plain',
  size: 10,
})

function run(actions: UploadAction[], from: PendingUpload[] = []): PendingUpload[] {
  return actions.reduce(uploadsReducer, from)
}

const added: UploadAction = {
  type: 'added',
  uploads: [
    { key: 'a', room: 'general', name: 'a.log', size: 200 },
    { key: 'b', room: 'general', name: 'b.png', size: 100 },
    { key: 'c', room: 'other', name: 'c.txt', size: 10 },
  ],
}

describe('the upload queue', () => {
  test('files start uploading, count their progress, and are ready once stored', () => {
    let state = run([added, { type: 'progress', key: 'a', loaded: 50 }])
    expect(state.map((upload) => upload.status)).toEqual(['uploading', 'uploading', 'uploading'])
    expect(percentOf(state[0] as PendingUpload)).toBe(25)
    state = run([{ type: 'progress', key: 'a', loaded: 900 }], state)
    expect(state[0]?.loaded).toBe(200)
    state = run([{ type: 'uploaded', key: 'a', file: stored('a', 'a.log') }], state)
    expect(state[0]).toMatchObject({ status: 'uploaded', loaded: 200, file: { name: 'a.log' } })
    expect(percentOf(state[0] as PendingUpload)).toBe(100)
  })

  test("a room's message waits while any of its files uploads or failed, and carries them in the order attached", () => {
    let state = run([added])
    const general = () => state.filter((upload) => upload.room === 'general')
    expect(readiness(general())).toEqual({ uploading: 2, failed: 0, files: [] })
    state = run([{ type: 'uploaded', key: 'b', file: stored('b', 'b.png') }], state)
    state = run([{ type: 'failed', key: 'a', error: 'The file is too big.' }], state)
    expect(readiness(general())).toMatchObject({ uploading: 0, failed: 1 })
    expect(state[0]).toMatchObject({ status: 'failed', error: 'The file is too big.' })

    state = run([{ type: 'retrying', key: 'a' }], state)
    expect(state[0]).toMatchObject({ status: 'uploading', loaded: 0, error: null })
    state = run([{ type: 'uploaded', key: 'a', file: stored('a', 'a.log') }], state)
    expect(readiness(general()).files.map((file) => file.name)).toEqual(['a.log', 'b.png'])
  })

  test('sending takes only that room’s stored files; a cancelled one goes at once', () => {
    let state = run([added, { type: 'uploaded', key: 'a', file: stored('a', 'a.log') }, { type: 'removed', key: 'b' }])
    expect(state.map((upload) => upload.key)).toEqual(['a', 'c'])
    state = run([{ type: 'sent', room: 'general' }], state)
    expect(state.map((upload) => upload.key)).toEqual(['c'])
  })

  test('news about an upload that was cancelled or settled changes nothing', () => {
    const state = run([added, { type: 'removed', key: 'a' }])
    expect(run([{ type: 'uploaded', key: 'a', file: stored('a', 'a.log') }], state)).toBe(state)
    expect(run([{ type: 'progress', key: 'a', loaded: 5 }], state)).toBe(state)
    const failed = run([{ type: 'failed', key: 'b', error: 'no' }], state)
    // A late progress event or answer after the failure does not bring it back.
    expect(run([{ type: 'progress', key: 'b', loaded: 5 }], failed)[0]).toMatchObject({ status: 'failed', loaded: 0 })
    expect(run([{ type: 'uploaded', key: 'b', file: stored('b', 'b') }], failed)[0]?.status).toBe('failed')
    expect(run([{ type: 'retrying', key: 'c' }], failed)).toEqual(failed)
  })

  test('a message carries at most the files the server takes, each no bigger than it takes', () => {
    const limits = { maxBytes: 1_000, maxFiles: 3 }
    const files = (...sizes: number[]) => sizes.map((size, index) => ({ name: `f${index}.txt`, size }))
    expect(admit(files(10, 20), 0, limits)).toEqual({ taken: files(10, 20), refusal: null })
    expect(admit(files(10, 20), 2, limits)).toEqual({
      taken: files(10),
      refusal: 'A message carries at most 3 files: 1 was not attached.',
    })
    expect(admit(files(10, 2_500), 0, limits)).toEqual({
      taken: files(10),
      refusal: 'f1.txt is 2.5 KB: files can be at most 1 KB.',
    })
    expect(admit(files(2_000, 3_000, 1, 2, 3), 1, limits).refusal).toBe(
      '2 files are over 1 KB, the most a file can be. A message carries at most 3 files: 1 was not attached.',
    )
    // Before any join has said, only the protocol's own count applies.
    expect(admit(files(...new Array(25).fill(5_000_000)), 0, null).taken).toHaveLength(20)
  })
})
