import { describe, expect, test } from 'bun:test'
import {
  createTypingThrottle,
  describeTypers,
  expireTypers,
  nextTypingExpiry,
  TYPING_TTL_MS,
  withoutTyper,
  withTyper,
} from './typing.ts'

describe('typing', () => {
  test('each signal lasts five seconds, and the next expiry is the earliest', () => {
    let typing = withTyper({}, 'a', 'bob', 1_000)
    typing = withTyper(typing, 'a', 'carl', 3_000)
    typing = withTyper(typing, 'b', 'dora', 2_000)
    expect(nextTypingExpiry(typing)).toBe(1_000 + TYPING_TTL_MS)
    expect(expireTypers(typing, 5_999)).toBe(typing)
    const later = expireTypers(typing, 1_000 + TYPING_TTL_MS)
    expect(later).toEqual({ a: { carl: 3_000 }, b: { dora: 2_000 } })
    expect(expireTypers(later, 100_000)).toEqual({})
    expect(nextTypingExpiry({})).toBeNull()
  })

  test('a new signal renews it; a message or leaving ends it', () => {
    let typing = withTyper({}, 'a', 'bob', 1_000)
    typing = withTyper(typing, 'a', 'bob', 4_000)
    expect(expireTypers(typing, 7_000)).toEqual({ a: { bob: 4_000 } })
    expect(withoutTyper(typing, 'a', 'bob')).toEqual({ a: {} })
    expect(withoutTyper(typing, 'a', 'nobody')).toBe(typing)
  })

  test('says who is typing in words', () => {
    expect(describeTypers([])).toBeNull()
    expect(describeTypers(['ann'])).toBe('ann is typing…')
    expect(describeTypers(['ann', 'bob'])).toBe('ann and bob are typing…')
    expect(describeTypers(['ann', 'bob', 'cy'])).toBe('ann, bob and cy are typing…')
    expect(describeTypers(['a', 'b', 'c', 'd'])).toBe('4 people are typing…')
  })

  test('our own signals go at most once every two seconds per room', () => {
    const may = createTypingThrottle(2_000)
    expect(may('a', 0)).toBe(true)
    expect(may('a', 500)).toBe(false)
    expect(may('b', 500)).toBe(true)
    expect(may('a', 1_999)).toBe(false)
    expect(may('a', 2_000)).toBe(true)
    expect(may('a', 3_000)).toBe(false)
  })
})
