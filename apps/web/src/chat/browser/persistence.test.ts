import { afterEach, beforeEach, expect, test } from 'bun:test'
import { browserStorageKeys } from '@parley/events/rules'
import { memoryStorage } from '../../../test/memory-storage.ts'
import { screenshot } from '../../../test/messages.ts'
import { loadOutbox, type SavedOutgoing, saveOutbox } from './persistence.ts'

// The module reads the tab's storage from `window`: a stand-in for these tests only.
let tab: Storage
const hadWindow = 'window' in globalThis
beforeEach(() => {
  tab = memoryStorage()
  Object.assign(globalThis, { window: { sessionStorage: tab, localStorage: memoryStorage() } })
})
afterEach(() => {
  if (!hadWindow) Reflect.deleteProperty(globalThis, 'window')
})

const saved: SavedOutgoing = { clientId: 'client-1234', room: 'general', username: 'ann', message: '', createdAt: 5 }

test('an unconfirmed message keeps the files it carries across a reload', () => {
  saveOutbox([
    { ...saved, files: [screenshot] },
    { ...saved, clientId: 'client-5678', message: 'no files' },
  ])
  expect(loadOutbox()).toEqual([
    { ...saved, files: [screenshot] },
    { ...saved, clientId: 'client-5678', message: 'no files' },
  ])
})

test('files kept in a shape that is not a file are dropped, the message kept', () => {
  for (const files of [[{ ...screenshot, size: 0 }], [{ ...screenshot, image: { width: 1 } }], ['x'], 'x']) {
    tab.setItem(browserStorageKeys.outbox, JSON.stringify([{ ...saved, files }]))
    expect(loadOutbox()).toEqual([saved])
  }
})
