import { describe, expect, test } from 'bun:test'
import { parseCommand } from './commands.ts'

describe('room commands', () => {
  test('/topic shows, sets, and with - clears', () => {
    expect(parseCommand('/topic')).toEqual({ kind: 'topic' })
    expect(parseCommand('/topic Release **Friday**')).toEqual({ kind: 'topic', topic: 'Release **Friday**' })
    expect(parseCommand('/topic -')).toEqual({ kind: 'topic', topic: '' })
  })

  test('/slow takes whole seconds, or off', () => {
    expect(parseCommand('/slow 30')).toEqual({ kind: 'slow', seconds: 30 })
    expect(parseCommand('/slow off')).toEqual({ kind: 'slow', seconds: 0 })
    expect(parseCommand('/slow')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('/slow') })
    expect(parseCommand('/slow 1.5')).toMatchObject({ kind: 'unknown' })
  })

  test('/mute takes a name (spaces and all) and perhaps minutes', () => {
    expect(parseCommand('/mute bob')).toEqual({ kind: 'moderate', action: 'mute', username: 'bob' })
    expect(parseCommand('/mute bob 30')).toEqual({ kind: 'moderate', action: 'mute', username: 'bob', minutes: 30 })
    expect(parseCommand('/mute Mary Ann 5')).toEqual({
      kind: 'moderate',
      action: 'mute',
      username: 'Mary Ann',
      minutes: 5,
    })
    expect(parseCommand('/mute bob 0')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('1 minute') })
    expect(parseCommand('/mute')).toMatchObject({ kind: 'unknown', problem: 'Usage: /mute <name> [minutes]' })
  })

  test('/ban takes a name, perhaps minutes, and perhaps the word address', () => {
    expect(parseCommand('/ban bob')).toEqual({ kind: 'moderate', action: 'ban', username: 'bob' })
    expect(parseCommand('/ban bob 60 address')).toEqual({
      kind: 'moderate',
      action: 'ban',
      username: 'bob',
      minutes: 60,
      address: true,
    })
    expect(parseCommand('/ban bob ADDRESS')).toEqual({
      kind: 'moderate',
      action: 'ban',
      username: 'bob',
      address: true,
    })
    expect(parseCommand('/ban 60')).toEqual({ kind: 'moderate', action: 'ban', username: '60' })
    expect(parseCommand('/ban')).toMatchObject({ kind: 'unknown', problem: 'Usage: /ban <name> [minutes] [address]' })
  })

  test('/unmute, /kick, /unban, /mod, /unmod and /owner take a name', () => {
    expect(parseCommand('/unmute bob')).toEqual({ kind: 'moderate', action: 'unmute', username: 'bob' })
    expect(parseCommand('/kick bob 10')).toEqual({ kind: 'moderate', action: 'remove', username: 'bob 10' })
    expect(parseCommand('/unban bob')).toEqual({ kind: 'moderate', action: 'unban', username: 'bob' })
    expect(parseCommand('/mod carol')).toEqual({ kind: 'moderator', username: 'carol', add: true })
    expect(parseCommand('/unmod carol')).toEqual({ kind: 'moderator', username: 'carol', add: false })
    expect(parseCommand('/owner carol')).toEqual({ kind: 'owner', username: 'carol' })
    for (const line of ['/kick', '/unmute', '/unban', '/mod', '/unmod', '/owner']) {
      expect(parseCommand(line)).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('<name>') })
    }
  })

  test('/invite prints the link, /invite new replaces it; /modlog prints the record', () => {
    expect(parseCommand('/invite')).toEqual({ kind: 'invite', rotate: false })
    expect(parseCommand('/invite new')).toEqual({ kind: 'invite', rotate: true })
    expect(parseCommand('/invite everyone')).toMatchObject({ kind: 'unknown', problem: 'Usage: /invite [new]' })
    expect(parseCommand('/modlog')).toEqual({ kind: 'modlog' })
  })

  test('/dm takes a name, spaces and all', () => {
    expect(parseCommand('/dm bob')).toEqual({ kind: 'dm', username: 'bob' })
    expect(parseCommand('/dm Mary Ann')).toEqual({ kind: 'dm', username: 'Mary Ann' })
    expect(parseCommand('/dm')).toEqual({ kind: 'unknown', problem: 'Usage: /dm <name>' })
  })

  test('/join takes a room, a room and private, or an invite link', () => {
    expect(parseCommand('/join ops')).toEqual({ kind: 'join', room: 'ops' })
    expect(parseCommand('/join war room private')).toEqual({ kind: 'join', room: 'war room', private: true })
    expect(parseCommand('/join http://localhost:3001/#room=ops&invite=Abc_def-0123456789xyz')).toEqual({
      kind: 'join',
      room: 'ops',
      invite: 'Abc_def-0123456789xyz',
    })
    expect(parseCommand('/join')).toMatchObject({ kind: 'unknown', problem: expect.stringContaining('/join') })
    expect(parseCommand('/join private')).toEqual({ kind: 'join', room: 'private' })
  })
  test('/serverban takes a name, perhaps minutes and the word address; /serverunban a name', () => {
    expect(parseCommand('/serverban bob')).toEqual({ kind: 'serverBan', action: 'ban', username: 'bob' })
    expect(parseCommand('/serverban Mary Ann 60 address')).toEqual({
      kind: 'serverBan',
      action: 'ban',
      username: 'Mary Ann',
      minutes: 60,
      address: true,
    })
    expect(parseCommand('/serverban bob 0')).toMatchObject({ kind: 'unknown' })
    expect(parseCommand('/serverban')).toMatchObject({ problem: 'Usage: /serverban <name> [minutes] [address]' })
    expect(parseCommand('/serverunban bob')).toEqual({ kind: 'serverBan', action: 'unban', username: 'bob' })
    expect(parseCommand('/serverunban')).toMatchObject({ problem: 'Usage: /serverunban <name>' })
  })
})
