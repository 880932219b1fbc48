import { expect, test } from 'bun:test'
import { neighbourRoom } from './useChatShortcuts.ts'

test('Alt+arrows move to the next or previous room, going round', () => {
  const rooms = ['a', 'b', 'c']
  expect(neighbourRoom(rooms, 'a', 1)).toBe('b')
  expect(neighbourRoom(rooms, 'c', 1)).toBe('a')
  expect(neighbourRoom(rooms, 'a', -1)).toBe('c')
  expect(neighbourRoom(rooms, null, 1)).toBe('a')
  expect(neighbourRoom([], 'a', 1)).toBeNull()
})
