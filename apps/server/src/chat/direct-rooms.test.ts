import { describe, expect, test } from 'bun:test'
import { type ChatClient, failure, nextPush, recordPushes } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'
import { directRoomName } from './direct-rooms.ts'
import { sessionAuthor } from './session-author.ts'

const DIRECT_ONLY = 'That conversation is between two people: nobody else can join it'

/**
 * alice (connected to `alice`) opens a direct room with bob, who is told and joins; they
 * talk; carol can neither join it, with its name or by asking for bob, nor list or find it.
 */
async function conversation(alice: ChatClient, bob: ChatClient, carol: ChatClient) {
  const aliceIn0 = await alice.request('join', { username: 'alice', room: 'lobby' })
  const bobIn = await bob.request('join', { username: 'bob', room: 'lobby' })
  await carol.request('join', { username: 'carol', room: 'lobby' })
  const carolLists = recordPushes(carol, 'rooms')
  const carolTold = recordPushes(carol, 'directRoomOpened')

  const told = nextPush(bob, 'directRoomOpened')
  const { room } = await alice.request('directRoom', { username: 'Bob' })
  expect(room).toBe(directRoomName(sessionAuthor(aliceIn0.token), sessionAuthor(bobIn.token)))
  expect(room).toMatch(/^dm-[0-9a-f]{20}$/)
  expect(await told).toEqual({ room, from: 'alice' })

  const aliceIn = await alice.request('join', { username: 'alice', room })
  expect(aliceIn.settings).toEqual({
    topic: '',
    private: true,
    slowModeSeconds: 0,
    moderators: [],
    direct: ['alice', 'Bob'],
  })
  const bobDirect = await bob.request('join', { username: 'bob', room, token: bobIn.token })
  expect(bobDirect.settings.direct).toEqual(['alice', 'Bob'])
  const heard = nextPush(bob, 'message', (message) => message.room === room)
  await alice.request('sendMessage', { room, message: 'just between us: pineapple' })
  expect((await heard).message).toBe('just between us: pineapple')

  // The same two names meet in the same room, whoever asks.
  expect((await bob.request('directRoom', { username: 'alice' })).room).toBe(room)

  // carol: not with the name, not with an invite, not by asking for bob (that is her own room with him).
  expect(await failure(carol.request('join', { username: 'carol', room }))).toBe(DIRECT_ONLY)
  expect(await failure(carol.request('join', { username: 'carol', room, invite: 'x'.repeat(22) }))).toBe(DIRECT_ONLY)
  const carolsOwn = (await carol.request('directRoom', { username: 'bob' })).room
  expect(carolsOwn).not.toBe(room)
  expect(await failure(carol.request('history', { room }))).toBe(`Join "${room}" to read its history`)

  // Never listed, never found by others' search; its members find it.
  await carol.request('sendMessage', { room: 'lobby', message: 'pineapple on pizza' })
  await until(async () => (await carol.request('search', { query: 'pineapple' })).results.length > 0)
  expect((await carol.request('search', { query: 'pineapple' })).results.map((r) => r.room)).toEqual(['lobby'])
  await until(async () => (await bob.request('search', { query: 'pineapple' })).results.length === 2)
  expect((await carol.request('listRooms', {})).rooms.map((r) => r.name)).toEqual(['lobby', 'general'])
  expect(carolLists.every((push) => push.rooms.every((r) => r.name !== room))).toBe(true)
  expect(carolTold.every((push) => push.room !== room)).toBe(true)

  // Nobody runs it: no invite, no owner, no moderators.
  expect(await failure(alice.request('roomInvite', { room }))).toBe(
    'A direct conversation has no invite: it is for its two people only',
  )
  expect(
    await failure(alice.request('setModerator', { room, username: 'bob', add: true, clientId: 'direct-mod-1' })),
  ).toBe('A direct conversation has no owner, moderators or invite')
  return room
}

describe('direct conversations', () => {
  test('one instance: opened, told, joined by the two only', async () => {
    await using parley = await startParley()
    await conversation(parley.client(), parley.client(), parley.client())
  })

  test('refused in words: before joining, with yourself, with someone not here; dm- names are kept', async () => {
    await using parley = await startParley()
    const [alice, bob] = [parley.client(), parley.client()]
    expect(await failure(alice.request('directRoom', { username: 'bob' }))).toBe(
      'Join a room before talking to someone privately',
    )
    const { token } = await alice.request('join', { username: 'alice', room: 'lobby' })
    expect(await failure(alice.request('directRoom', { username: 'ALICE' }))).toBe(
      'A direct conversation needs someone else: pick another name',
    )
    expect(await failure(alice.request('directRoom', { username: 'bob' }))).toBe(
      '"bob" is not connected: they must be here to talk privately',
    )
    // Nobody can make a room first under a name of this kind, public or private.
    const room = directRoomName(sessionAuthor(token), 'any other session')
    expect(await failure(bob.request('join', { username: 'bob', room, private: true }))).toBe(
      'Room names starting with "dm-" are kept for direct conversations: pick another',
    )
  })

  test('a new session under the same name is not let into the old conversation, and gets one of its own', async () => {
    await using parley = await startParley()
    const [alice, bob, later] = [parley.client(), parley.client(), parley.client()]
    await alice.request('join', { username: 'alice', room: 'lobby' })
    await bob.request('join', { username: 'bob', room: 'lobby' })
    const { room } = await alice.request('directRoom', { username: 'bob' })
    await alice.request('join', { username: 'alice', room })
    await alice.request('sendMessage', { room, message: 'for bob only' })
    bob.close()
    await until(async () => !(await alice.request('presence', { room: 'lobby' })).users.includes('bob'))
    await later.request('join', { username: 'bob', room: 'lobby' })
    expect(await failure(later.request('join', { username: 'bob', room }))).toBe(DIRECT_ONLY)
    const fresh = await alice.request('directRoom', { username: 'bob' })
    expect(fresh.room).not.toBe(room)
    expect((await later.request('join', { username: 'bob', room: fresh.room })).messages).toEqual([])
  })

  test('two instances: alice on one opens it with bob on two, who is told and joins', async () => {
    await using cluster = await startCluster()
    await conversation(cluster.one.client(), cluster.two.client(), cluster.two.client())
  })
})
