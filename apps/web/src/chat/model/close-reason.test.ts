import { describe, expect, test } from 'bun:test'
import { closeOutcome } from './close-reason.ts'

describe('closeOutcome', () => {
  test('a ban from the server leaves every room, in the server words', () => {
    expect(closeOutcome({ code: 1008, reason: 'Banned from this server for good' })).toEqual({
      notice: 'Banned from this server for good.',
      shutOut: true,
    })
    expect(closeOutcome({ code: 1008, reason: 'Banned from this server for 29 more minutes' })?.shutOut).toBe(true)
  })

  test('a flood is said in words, and the rooms are joined again on the reconnection', () => {
    expect(closeOutcome({ code: 1008, reason: 'Flooding: too many messages' })).toEqual({
      notice: 'The server closed the connection: Flooding: too many messages.',
      shutOut: false,
    })
  })

  test('other closes, and a 1008 without words, say nothing', () => {
    expect(closeOutcome({ code: 1012, reason: 'Banned from this server for good' })).toBeNull()
    expect(closeOutcome({ code: 1006, reason: '' })).toBeNull()
    expect(closeOutcome({ code: 1008, reason: ' ' })).toBeNull()
  })
})
