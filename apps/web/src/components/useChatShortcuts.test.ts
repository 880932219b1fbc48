import { expect, test } from 'bun:test'
import { isSearchShortcut, neighbourRoom } from './useChatShortcuts.ts'

test('Alt+arrows move to the next or previous room, going round', () => {
  const rooms = ['a', 'b', 'c']
  expect(neighbourRoom(rooms, 'a', 1)).toBe('b')
  expect(neighbourRoom(rooms, 'c', 1)).toBe('a')
  expect(neighbourRoom(rooms, 'a', -1)).toBe('c')
  expect(neighbourRoom(rooms, null, 1)).toBe('a')
  expect(neighbourRoom([], 'a', 1)).toBeNull()
})

test('Ctrl+K and ⌘K open the search; with Shift or Alt, or K alone, they do not', () => {
  const key = { key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }
  expect(isSearchShortcut({ ...key, ctrlKey: true })).toBe(true)
  expect(isSearchShortcut({ ...key, metaKey: true })).toBe(true)
  expect(isSearchShortcut({ ...key, key: 'K', ctrlKey: true })).toBe(true)
  expect(isSearchShortcut(key)).toBe(false)
  expect(isSearchShortcut({ ...key, ctrlKey: true, shiftKey: true })).toBe(false)
  expect(isSearchShortcut({ ...key, ctrlKey: true, altKey: true })).toBe(false)
})
