import { describe, expect, test } from 'bun:test'
import { closeLine } from './close-line.ts'

describe('closeLine', () => {
  test('a ban from the server is printed in its words, and ends the client', () => {
    expect(closeLine({ code: 1008, reason: 'Banned from this server for good' })).toEqual({
      line: 'The server closed the connection: Banned from this server for good',
      final: true,
    })
  })

  test('a flood is printed, and the client reconnects', () => {
    expect(closeLine({ code: 1008, reason: 'Flooding: too many messages' })).toEqual({
      line: 'The server closed the connection: Flooding: too many messages',
      final: false,
    })
  })

  test('other closes print nothing', () => {
    expect(closeLine({ code: 1012, reason: 'Banned from this server for good' })).toBeUndefined()
    expect(closeLine({ code: 1008, reason: '' })).toBeUndefined()
  })
})
