import { describe, expect, test } from 'bun:test'
import type { Attachment } from '@parley/events'
import { type PendingUpload, percentOf, readiness, roomFor, type UploadAction, uploadsReducer } from './uploads.ts'

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

  test('a message carries at most its share of files', () => {
    expect(roomFor(0, 3, 20)).toBe(3)
    expect(roomFor(18, 5, 20)).toBe(2)
    expect(roomFor(20, 1, 20)).toBe(0)
    expect(roomFor(25, 1, 20)).toBe(0)
  })
})
