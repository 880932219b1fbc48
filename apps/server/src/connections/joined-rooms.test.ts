import { describe, expect, test } from 'bun:test'
import { JoinedRooms } from './joined-rooms.ts'

describe('JoinedRooms', () => {
  test('keeps rooms in the order they were joined, each once', () => {
    const rooms = new JoinedRooms()
    rooms.add('general')
    rooms.add('random')
    rooms.add('general')
    expect([...rooms]).toEqual(['general', 'random'])
    expect(rooms.size).toBe(2)
    expect(rooms.has('random')).toBe(true)
    expect(rooms.has('elsewhere')).toBe(false)
  })

  test('a room taken out and added again becomes the last', () => {
    const rooms = new JoinedRooms()
    rooms.add('general')
    rooms.add('random')
    expect(rooms.delete('general')).toBe(true)
    rooms.add('general')
    expect([...rooms]).toEqual(['random', 'general'])
  })

  test('taking out a room it is not in changes nothing', () => {
    const rooms = new JoinedRooms()
    rooms.add('general')
    expect(rooms.delete('random')).toBe(false)
    expect([...rooms]).toEqual(['general'])
    expect(rooms.size).toBe(1)
  })
})
