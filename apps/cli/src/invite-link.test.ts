import { expect, test } from 'bun:test'
import { inviteLink, parseInviteLink, socketUrlOf } from './invite-link.ts'

const token = 'Abc_def-0123456789xyz'

test('an invite link carries the room and the invite in its fragment, and reads back', () => {
  const link = inviteLink('https://chat.example', 'team room', token)
  // As the web app writes it.
  expect(link).toBe(`https://chat.example/#room=team+room&invite=${token}`)
  expect(parseInviteLink(link)).toEqual({ room: 'team room', invite: token, origin: 'https://chat.example' })
})

test('a bare fragment, a link without invite, and + for a space read too', () => {
  expect(parseInviteLink(`#room=ops&invite=${token}`)).toEqual({ room: 'ops', invite: token, origin: '' })
  expect(parseInviteLink('http://localhost:3001/#room=a%20b')).toEqual({ room: 'a b', origin: 'http://localhost:3001' })
})

test("the web app's address of a room names the room", () => {
  expect(parseInviteLink('https://chat.example/r/team%20room')).toEqual({
    room: 'team room',
    origin: 'https://chat.example',
  })
  expect(parseInviteLink('https://chat.example/about')).toBeUndefined()
})

test("a room's name, or a link that names no room or is no web link, is not an invite", () => {
  expect(parseInviteLink('lobby')).toBeUndefined()
  expect(parseInviteLink('https://chat.example/#invite=x')).toBeUndefined()
  expect(parseInviteLink(`javascript:alert(1)#room=x&invite=${token}`)).toBeUndefined()
  expect(parseInviteLink(`not a url#room=x&invite=${token}`)).toBeUndefined()
})

test("a link's server is reached on its /ws, encrypted when the link is", () => {
  expect(socketUrlOf('https://chat.example')).toBe('wss://chat.example/ws')
  expect(socketUrlOf('http://localhost:3001')).toBe('ws://localhost:3001/ws')
})
