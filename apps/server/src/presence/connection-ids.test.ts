import { describe, expect, test } from 'bun:test'
import { hasConnection, withConnection, withoutConnection } from './connection-ids.ts'

describe('connection ids', () => {
  test('one id is kept bare, a second makes a list, and the same id twice is once', () => {
    const one = withConnection(undefined, 'a')
    expect(one).toBe('a')
    expect(withConnection(one, 'a')).toBe('a')
    const two = withConnection(one, 'b')
    expect(two).toEqual(['a', 'b'])
    expect(withConnection(two, 'b')).toEqual(['a', 'b'])
    expect(withConnection(two, 'c')).toEqual(['a', 'b', 'c'])
  })

  test('knows which ids it holds', () => {
    expect(hasConnection(undefined, 'a')).toBe(false)
    expect(hasConnection('a', 'a')).toBe(true)
    expect(hasConnection('a', 'b')).toBe(false)
    expect(hasConnection(['a', 'b'], 'b')).toBe(true)
    expect(hasConnection(['a', 'b'], 'c')).toBe(false)
  })

  test('taking ids out goes back to a bare id, then to none', () => {
    expect(withoutConnection(['a', 'b', 'c'], 'b')).toEqual(['a', 'c'])
    expect(withoutConnection(['a', 'b'], 'a')).toBe('b')
    expect(withoutConnection('b', 'b')).toBeUndefined()
    expect(withoutConnection('b', 'x')).toBe('b')
    expect(withoutConnection(['a', 'b'], 'x')).toEqual(['a', 'b'])
  })
})
