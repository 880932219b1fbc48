import { expect, test } from 'bun:test'
import { failure, nextPush } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { until } from '../../test/until.ts'

let ids = 0
const clientId = () => `cluster-change-${++ids}`

test('two instances: rights, topics, private rooms and bans hold on both', async () => {
  await using cluster = await startCluster()
  const alice = cluster.one.client()
  const bob = cluster.two.client()
  const carol = cluster.two.client()

  await alice.request('join', { username: 'alice', room: 'secret', private: true })
  const { invite } = await alice.request('roomInvite', { room: 'secret' })
  expect(await failure(carol.request('join', { username: 'carol', room: 'secret' }))).toBe(
    'The room "secret" is private: join it with an invite link',
  )
  const bobIn = await bob.request('join', { username: 'bob', room: 'secret', invite })
  expect(bobIn.settings.owner).toBe('alice')
  await carol.request('join', { username: 'carol', room: 'lobby' })
  expect((await carol.request('listRooms', {})).rooms.map((r) => r.name)).toEqual(['lobby', 'general'])

  // A change made on one instance reaches the other's members and rules.
  const topic = nextPush(bob, 'roomChanged')
  await alice.request('setTopic', { room: 'secret', topic: 'plans', clientId: clientId() })
  expect(await topic).toMatchObject({ change: 'topic', settings: { topic: 'plans' } })
  const muted = nextPush(bob, 'roomChanged')
  await alice.request('moderate', { room: 'secret', username: 'bob', action: 'mute', clientId: clientId() })
  expect(await muted).toMatchObject({ change: 'muted', target: 'bob' })
  expect(await failure(bob.request('sendMessage', { room: 'secret', message: 'hm' }))).toBe(
    'You are muted in "secret" for 10 more minutes',
  )

  // A moderator named on one instance (bob is on the other) deletes on the other.
  await alice.request('moderate', { room: 'secret', username: 'bob', action: 'unmute', clientId: clientId() })
  await alice.request('setModerator', { room: 'secret', username: 'bob', add: true, clientId: clientId() })
  const sent = await alice.request('sendMessage', { room: 'secret', message: 'delete me, bob' })
  await until(async () => (await bob.request('history', { room: 'secret' })).messages.some((m) => m.seq === sent.seq))
  expect((await bob.request('deleteMessage', { room: 'secret', seq: sent.seq, clientId: clientId() })).changed).toBe(
    true,
  )

  // A ban on instance one takes bob out on instance two within a second, and holds there.
  await alice.request('setModerator', { room: 'secret', username: 'bob', add: false, clientId: clientId() })
  const left = nextPush(alice, 'userLeft', (left) => left.username === 'bob', 1_000)
  await alice.request('moderate', { room: 'secret', username: 'bob', action: 'ban', clientId: clientId() })
  await left
  expect(await failure(bob.request('sendMessage', { room: 'secret', message: 'still here?' }))).toBe(
    'You are not in "secret"; join it first',
  )
  expect(await failure(bob.request('join', { username: 'bob', room: 'secret', token: bobIn.token, invite }))).toBe(
    'You are banned from "secret" for good',
  )
})

test('two instances: a ban by address made on one refuses that address on the other', async () => {
  await using cluster = await startCluster()
  const alice = cluster.one.client()
  const bob = cluster.two.client()
  await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  const left = nextPush(alice, 'userLeft', (left) => left.username === 'bob', 1_000)
  const banned = await alice.request('moderate', {
    room: 'r',
    username: 'bob',
    action: 'ban',
    address: true,
    clientId: clientId(),
  })
  expect(banned.changed).toBe(true)
  await left
  // Everyone here connects from 127.0.0.1: another name from it is refused on either instance.
  expect(await failure(cluster.two.client().request('join', { username: 'mallory', room: 'r' }))).toBe(
    'You are banned from "r" for good',
  )
  expect(await failure(cluster.one.client().request('join', { username: 'mallory', room: 'r' }))).toBe(
    'You are banned from "r" for good',
  )
})

test('two instances: the operator’s server ban on one closes the person on the other and holds there', async () => {
  const adminToken = 'operator-token-0123456789'
  await using cluster = await startCluster({ ADMIN_TOKEN: adminToken })
  const op = cluster.one.client()
  const bob = cluster.two.client()
  await op.request('join', { username: 'op', room: 'lobby' })
  await op.request('operator', { token: adminToken })
  const { token } = await bob.request('join', { username: 'bob', room: 'lobby' })
  const left = nextPush(op, 'userLeft', (left) => left.username === 'bob', 1_000)
  await op.request('serverBan', { username: 'bob', action: 'ban', clientId: clientId() })
  await left
  expect(await failure(cluster.two.client().request('join', { username: 'bob', room: 'lobby', token }))).toBe(
    'You are banned from this server for good',
  )
  expect(await failure(cluster.one.client().request('join', { username: 'bob', room: 'elsewhere', token }))).toBe(
    'You are banned from this server for good',
  )
})

test('two instances: a replaced invite, a forged token and a later holder of the owner’s name are refused on the other', async () => {
  await using cluster = await startCluster()
  const alice = cluster.one.client()
  const { token } = await alice.request('join', { username: 'alice', room: 'secret', private: true })
  const old = (await alice.request('roomInvite', { room: 'secret' })).invite
  const fresh = (await alice.request('roomInvite', { room: 'secret', rotate: true, clientId: clientId() })).invite
  const carol = cluster.two.client()
  expect(await failure(carol.request('join', { username: 'carol', room: 'secret', invite: old }))).toBe(
    "That invite link is not valid any more: ask the room's owner for a new one",
  )
  expect((await carol.request('join', { username: 'carol', room: 'secret', invite: fresh })).success).toBe(true)
  // A token that is not alice's session, under another name, holds none of her rights there.
  const forger = cluster.two.client()
  await forger.request('join', { username: 'alicia', room: 'lobby', token: `${token.slice(0, -4)}AAAA` })
  expect(await failure(forger.request('join', { username: 'alicia', room: 'secret' }))).toBe(
    'The room "secret" is private: join it with an invite link',
  )
  // Once alice is gone, whoever takes her name on the other instance is not the owner.
  alice.close()
  const mallory = cluster.two.client()
  await until(
    async () =>
      (await mallory.request('join', { username: 'alice', room: 'lobby' }).catch(() => undefined)) !== undefined,
  )
  expect(await failure(mallory.request('join', { username: 'alice', room: 'secret' }))).toBe(
    'The room "secret" is private: join it with an invite link',
  )
  await mallory.request('join', { username: 'alice', room: 'secret', invite: fresh })
  expect(await failure(mallory.request('setTopic', { room: 'secret', topic: 'mine', clientId: clientId() }))).toBe(
    "Only the room's owner and moderators can do that",
  )
})
