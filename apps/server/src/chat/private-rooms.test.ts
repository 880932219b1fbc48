import { describe, expect, test } from 'bun:test'
import { failure, nextPush, recordPushes } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'
import { createLogger } from '../ops/logger.ts'

let ids = 0
const clientId = () => `private-change-${++ids}`

describe('private rooms', () => {
  test('joined only by invite; never listed, searched or heard by others', async () => {
    await using parley = await startParley()
    const [alice, bob, carol] = [parley.client(), parley.client(), parley.client()]
    await carol.request('join', { username: 'carol', room: 'lobby' })
    const lists = recordPushes(carol, 'rooms')
    expect((await carol.request('listRooms', {})).rooms.map((r) => r.name)).toEqual(['lobby', 'general'])

    const made = await alice.request('join', { username: 'alice', room: 'secret', private: true })
    expect(made.settings).toMatchObject({ private: true, owner: 'alice' })
    const { invite } = await alice.request('roomInvite', { room: 'secret' })
    await alice.request('sendMessage', { room: 'secret', message: 'the launch code is swordfish' })

    expect(await failure(carol.request('join', { username: 'carol', room: 'secret' }))).toBe(
      'The room "secret" is private: join it with an invite link',
    )
    expect(await failure(carol.request('join', { username: 'carol', room: 'secret', invite: 'x'.repeat(22) }))).toBe(
      "That invite link is not valid any more: ask the room's owner for a new one",
    )
    expect(await failure(carol.request('history', { room: 'secret' }))).toBe('Join "secret" to read its history')
    expect(await failure(carol.request('presence', { room: 'secret' }))).toBe('Join "secret" to see who is there')

    const bobIn = await bob.request('join', { username: 'bob', room: 'secret', invite })
    expect(bobIn.messages.map((m) => m.message)).toEqual(['the launch code is swordfish'])
    // Admitted: bob's session comes back without the invite.
    await bob.request('leave', { room: 'secret' })
    await bob.request('join', { username: 'bob', room: 'secret', token: bobIn.token })

    // Search: members find it, others never do (public messages are found, so the index is up to date).
    await carol.request('sendMessage', { room: 'lobby', message: 'swordfish is a film' })
    await until(async () => (await carol.request('search', { query: 'swordfish' })).results.length > 0)
    expect((await carol.request('search', { query: 'swordfish' })).results.map((r) => r.room)).toEqual(['lobby'])
    await until(async () => (await bob.request('search', { query: 'swordfish' })).results.length === 2)
    expect((await carol.request('listRooms', {})).rooms.map((r) => r.name)).toEqual(['lobby', 'general'])
    expect(lists.every((push) => push.rooms.every((r) => r.name !== 'secret'))).toBe(true)
  })

  test('a replaced invite stops admitting; those admitted stay; a removed member needs a new invite', async () => {
    await using parley = await startParley()
    const [alice, bob, carol] = [parley.client(), parley.client(), parley.client()]
    await alice.request('join', { username: 'alice', room: 'secret', private: true })
    const first = (await alice.request('roomInvite', { room: 'secret' })).invite
    const bobIn = await bob.request('join', { username: 'bob', room: 'secret', invite: first })
    const rotated = nextPush(bob, 'roomChanged')
    const second = (await alice.request('roomInvite', { room: 'secret', rotate: true, clientId: clientId() })).invite
    expect(second).not.toBe(first)
    expect(await rotated).toMatchObject({ change: 'inviteRotated', username: 'alice' })
    expect(JSON.stringify(await rotated)).not.toContain(second)
    expect(await failure(carol.request('join', { username: 'carol', room: 'secret', invite: first }))).toBe(
      "That invite link is not valid any more: ask the room's owner for a new one",
    )
    expect(await failure(bob.request('roomInvite', { room: 'secret' }))).toBe(
      "Only the room's owner and moderators can see its invite",
    )
    await alice.request('moderate', { room: 'secret', username: 'bob', action: 'remove', clientId: clientId() })
    await until(async () => !(await alice.request('presence', { room: 'secret' })).users.includes('bob'))
    expect(await failure(bob.request('join', { username: 'bob', room: 'secret', token: bobIn.token }))).toBe(
      'The room "secret" is private: join it with an invite link',
    )
    expect(
      (await bob.request('join', { username: 'bob', room: 'secret', token: bobIn.token, invite: second })).success,
    ).toBe(true)
  })

  test('a room that exists keeps what it is: asking for private does not hide a public room', async () => {
    await using parley = await startParley()
    const [alice, bob] = [parley.client(), parley.client()]
    await alice.request('join', { username: 'alice', room: 'open' })
    expect((await bob.request('join', { username: 'bob', room: 'open', private: true })).settings.private).toBe(false)
    expect(await failure(alice.request('roomInvite', { room: 'open' }))).toBe(
      '"open" is not private: anyone can join it by its name',
    )
  })
})

test('a private room leaves no trace of its name, people or words in logs and metrics', async () => {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) })
  await using parley = await startParley({ logger })
  const [alice, bob] = [parley.client(), parley.client()]
  await alice.request('join', { username: 'alice-private', room: 'secret-plans', private: true })
  const { invite } = await alice.request('roomInvite', { room: 'secret-plans' })
  await bob.request('join', { username: 'bob-private', room: 'secret-plans', invite })
  await alice.request('sendMessage', { room: 'secret-plans', message: 'swordfish' })
  await alice.request('setTopic', { room: 'secret-plans', topic: 'heist', clientId: clientId() })
  await alice.request('moderate', {
    room: 'secret-plans',
    username: 'bob-private',
    action: 'remove',
    clientId: clientId(),
  })
  await failure(bob.request('join', { username: 'bob-private', room: 'secret-plans' }))
  const metrics = await (await fetch(`${parley.http}/api/metrics`)).text()
  expect(lines.length).toBeGreaterThan(3)
  for (const text of [...lines, metrics]) {
    for (const secret of ['secret-plans', 'swordfish', 'heist', 'alice-private', 'bob-private', invite]) {
      expect(text).not.toContain(secret)
    }
  }
})
