import { expect, test } from 'bun:test'
import { inviteFromHash, inviteLink, roomFromPath, roomPath } from './route.ts'

test('a room’s address names it, folded to lower case, and back', () => {
  expect(roomFromPath('/r/general')).toBe('general')
  expect(roomFromPath('/r/Design%20Review/')).toBe('design review')
  expect(roomFromPath('/r/%20%20')).toBeNull()
  expect(roomFromPath('/r/%E0%A4%A')).toBeNull()
  expect(roomFromPath('/')).toBeNull()
  expect(roomFromPath('/r/a/b')).toBeNull()
  for (const room of ['general', 'a/b?c#d', 'café ☕', '50%']) expect(roomFromPath(roomPath(room))).toBe(room)
})

test('an invite link carries its room and token in the fragment, and reads back', () => {
  const link = inviteLink('https://chat.example', 'Team Room', 'abcDEF0123456789_-xy')
  expect(link).toBe('https://chat.example/#room=Team+Room&invite=abcDEF0123456789_-xy')
  expect(inviteFromHash(new URL(link).hash)).toEqual({ room: 'team room', invite: 'abcDEF0123456789_-xy' })
  expect(inviteFromHash('#room=a')).toBeNull()
  expect(inviteFromHash('#invite=x')).toBeNull()
  expect(inviteFromHash('')).toBeNull()
})
