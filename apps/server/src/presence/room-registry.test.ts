import { expect, test } from 'bun:test'
import { RoomRegistry } from './room-registry.ts'

test('counts connections per room: two tabs twice, a repeated join once, down to zero', () => {
  const registry = new RoomRegistry()
  expect(registry.join('lobby', 'alice', 'tab-1')).toBe(true)
  expect(registry.join('lobby', 'alice', 'tab-2')).toBe(false)
  expect(registry.join('lobby', 'alice', 'tab-2')).toBe(false)
  expect(registry.join('lobby', 'bob', 'tab-3')).toBe(true)
  expect(registry.connectionCount('lobby')).toBe(3)
  expect(registry.users('lobby')).toEqual(['alice', 'bob'])

  expect(registry.leave('lobby', 'alice', 'tab-1')).toBe(false)
  expect(registry.leave('lobby', 'alice', 'tab-1')).toBe(false)
  expect(registry.connectionCount('lobby')).toBe(2)
  expect(registry.leave('lobby', 'alice', 'tab-2')).toBe(true)
  expect(registry.leave('lobby', 'bob', 'tab-3')).toBe(true)
  expect(registry.connectionCount('lobby')).toBe(0)
  expect(registry.roomCount).toBe(0)
})
