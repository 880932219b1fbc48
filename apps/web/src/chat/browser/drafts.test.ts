import { expect, test } from 'bun:test'
import { browserStorageKeys } from '@parley/events/rules'
import { memoryStorage } from '../../../test/memory-storage.ts'
import { loadDrafts, saveDrafts } from './drafts.ts'

test('each room’s draft comes back for the same person, and only the rooms with text are kept', () => {
  const storage = memoryStorage()
  saveDrafts('Alice', { general: 'half a thought', random: '' }, () => storage)
  expect(loadDrafts('Alice', () => storage)).toEqual({ general: 'half a thought' })
  expect(loadDrafts('alice', () => storage)).toEqual({ general: 'half a thought' })
})

test('another person on the same tab does not get them', () => {
  const storage = memoryStorage()
  saveDrafts('alice', { general: 'for alice only' }, () => storage)
  expect(loadDrafts('bob', () => storage)).toEqual({})
  expect(loadDrafts(null, () => storage)).toEqual({})
})

test('once every draft is sent or cleared, nothing is left in storage', () => {
  const storage = memoryStorage()
  saveDrafts('alice', { general: 'soon sent' }, () => storage)
  saveDrafts('alice', { general: '' }, () => storage)
  expect(storage.getItem(browserStorageKeys.drafts)).toBeNull()
})

test('whatever else is stored under the key reads as no drafts', () => {
  const storage = memoryStorage()
  for (const stored of ['not json', '[]', '{"username":"alice","rooms":["x"]}', '{"rooms":{"general":"x"}}']) {
    storage.setItem(browserStorageKeys.drafts, stored)
    expect(loadDrafts('alice', () => storage)).toEqual({})
  }
  storage.setItem(browserStorageKeys.drafts, '{"username":"alice","rooms":{"general":"kept","odd":7}}')
  expect(loadDrafts('alice', () => storage)).toEqual({ general: 'kept' })
})

test('storage that cannot be used neither throws nor keeps anything', () => {
  const broken = (): Storage => {
    throw new DOMException('storage is disabled', 'SecurityError')
  }
  expect(() => saveDrafts('alice', { general: 'x' }, broken)).not.toThrow()
  expect(loadDrafts('alice', broken)).toEqual({})
})
