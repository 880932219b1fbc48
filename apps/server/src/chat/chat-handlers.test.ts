import { describe, expect, test } from 'bun:test'
import { failure, nextPush, recordPushes } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

describe('join', () => {
  test('answers with everyone in the room and tells the others', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    const bob = client()
    expect(await alice.request('join', { username: 'alice' })).toEqual({
      success: true,
      message: 'Welcome to general!',
      users: ['alice'],
      room: 'general',
      lastSeq: 0,
      messages: [],
      token: expect.any(String),
      editWindowSeconds: 900,
      uploadLimits: { maxBytes: 25_000_000, maxFiles: 10 },
      readSeq: 0,
      unread: 0,
      notify: 'mentions',
      // The default room has no owner until the operator names one.
      settings: { topic: '', private: false, slowModeSeconds: 0, moderators: [] },
    })
    const joined = nextPush(alice, 'userJoined')
    expect((await bob.request('join', { username: 'bob', room: 'general' })).users).toEqual(['alice', 'bob'])
    expect(await joined).toEqual({ username: 'bob', room: 'general' })
  })

  test('requests sent right after a join, before its answer, are answered as if in order', async () => {
    await using parley = await startParley()
    const alice = parley.client()
    // Two joins without a token yet, then a message and a history ask: none waits for the one before.
    const [first, second, sent, page] = await Promise.all([
      alice.request('join', { username: 'alice', room: 'one' }),
      alice.request('join', { username: 'alice', room: 'two' }),
      alice.request('sendMessage', { message: 'at once' }),
      alice.request('history', { room: 'two' }),
    ])
    expect(second.token).toBe(first.token)
    expect(sent).toMatchObject({ room: 'two', seq: 1 })
    expect(page.lastSeq).toBeGreaterThanOrEqual(0)
  })

  test('trims names, and refuses invalid ones with the field named', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    expect((await alice.request('join', { username: '  alice ', room: ' lobby ' })).room).toBe('lobby')
    const raw = client({ validate: false })
    expect(await failure(raw.request('join', { username: 'x'.repeat(51) }))).toMatch(
      /username: A username has at most 50/,
    )
    expect(await failure(raw.request('join', { username: '   ' }))).toMatch(/username: Pick a username/)
    expect(await failure(raw.request('join', { username: 'bob', room: '' }))).toMatch(/room: Name a room/)
  })

  test('joining twice is harmless, and one connection keeps one name', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    const watcher = client()
    await watcher.request('join', { username: 'watcher' })
    const joins = recordPushes(watcher, 'userJoined')
    await alice.request('join', { username: 'alice' })
    expect((await alice.request('join', { username: 'alice' })).users).toEqual(['alice', 'watcher'])
    expect(await failure(alice.request('join', { username: 'mallory', room: 'other' }))).toMatch(
      /already chatting as "alice"/,
    )
    await watcher.request('presence', { room: 'general' })
    expect(joins).toEqual([{ username: 'alice', room: 'general' }])
  })
  test('a crowd joining at once: everyone hears each join once, and each joiner speaks after its join is heard', async () => {
    // In memory, a message is stored at once: it would overtake a join's push still held.
    await using parley = await startParley({
      limits: { maxConnectionsPerAddress: 100 },
      storage: { databaseUrl: 'memory:', dataDir: '' },
    })
    const { client } = parley
    const watcher = client()
    await watcher.request('join', { username: 'watcher', room: 'crowd' })
    const heard: string[] = []
    watcher.on('userJoined', ({ username }) => heard.push(`joined ${username}`))
    watcher.on('message', ({ username }) => heard.push(`said ${username}`))
    const names = Array.from({ length: 40 }, (_, i) => `member${i}`)
    const everyone = ['watcher', ...names].sort()
    // Each member's list of the room: its join answer's, then the joins it hears.
    const views = await Promise.all(
      names.map(async (username) => {
        const member = client()
        const joinsHeard: string[] = []
        member.on('userJoined', (joined) => joinsHeard.push(joined.username))
        // Sent right behind the join, so that it is stored while the join's push may still wait.
        const joined = member.request('join', { username, room: 'crowd' })
        await member.request('sendMessage', { message: 'hello', room: 'crowd' })
        return { users: (await joined).users, joinsHeard }
      }),
    )
    const listOf = ({ users, joinsHeard }: (typeof views)[number]) => [...users, ...joinsHeard].sort()
    await until(() => views.every((view) => listOf(view).length >= everyone.length), 'every member hearing every join')
    for (const view of views) expect(listOf(view)).toEqual(everyone)
    await until(() => heard.filter((line) => line.startsWith('said')).length === names.length, 'every message')
    for (const username of names) {
      expect(heard.indexOf(`joined ${username}`)).toBeGreaterThanOrEqual(0)
      expect(heard.indexOf(`joined ${username}`)).toBeLessThan(heard.indexOf(`said ${username}`))
    }
  })
})

describe('messages', () => {
  test('sendMessage before join is refused clearly', async () => {
    await using parley = await startParley()
    const { client } = parley
    expect(await failure(client().request('sendMessage', { message: 'hello?' }))).toBe(
      'Join a room before sending messages',
    )
  })

  test('reach every member, the sender included, and only that room', async () => {
    await using parley = await startParley()
    const { client } = parley
    const [alice, bob, carol] = [client(), client(), client()]
    await alice.request('join', { username: 'alice' })
    await bob.request('join', { username: 'bob' })
    await carol.request('join', { username: 'carol', room: 'lobby' })
    const carolHeard = recordPushes(carol, 'message')
    const toBob = nextPush(bob, 'message')
    const toAlice = nextPush(alice, 'message')
    const answer = await alice.request('sendMessage', { message: 'hi all' })
    const expected = {
      messageId: answer.messageId,
      username: 'alice',
      message: 'hi all',
      timestamp: answer.timestamp,
      room: 'general',
      seq: 1,
    }
    expect(answer.seq).toBe(1)
    expect(await toBob).toEqual(expected)
    expect(await toAlice).toEqual(expected)

    const carolOwn = nextPush(carol, 'message')
    await carol.request('sendMessage', { message: 'lobby only' })
    await carolOwn
    expect(carolHeard.map((m) => m.message)).toEqual(['lobby only'])
  })

  test('one connection in two rooms: without a room to the last joined, with one to that room', async () => {
    await using parley = await startParley()
    const { client } = parley
    const both = client()
    const inGeneral = client()
    const inLobby = client()
    await inGeneral.request('join', { username: 'g' })
    await inLobby.request('join', { username: 'l', room: 'lobby' })
    await both.request('join', { username: 'both', room: 'general' })
    await both.request('join', { username: 'both', room: 'lobby' })

    const lobbyGets = nextPush(inLobby, 'message')
    await both.request('sendMessage', { message: 'to the last room' })
    expect(await lobbyGets).toMatchObject({ room: 'lobby', message: 'to the last room' })

    const generalGets = nextPush(inGeneral, 'message')
    await both.request('sendMessage', { message: 'to general', room: 'general' })
    expect(await generalGets).toMatchObject({ room: 'general', message: 'to general' })

    expect(await failure(both.request('sendMessage', { message: 'x', room: 'elsewhere' }))).toMatch(
      /not in "elsewhere"/,
    )
  })

  test('an over-long message is refused with its limit', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client({ validate: false })
    await alice.request('join', { username: 'alice' })
    expect(await failure(alice.request('sendMessage', { message: 'x'.repeat(501) }))).toMatch(
      /message: A message has at most 500/,
    )
  })
})

describe('leaving', () => {
  test('a closed socket tells each of its rooms and leaves no member behind', async () => {
    await using parley = await startParley()
    const { client } = parley
    const leaver = client()
    const general = client()
    const lobby = client()
    await general.request('join', { username: 'g' })
    await lobby.request('join', { username: 'l', room: 'lobby' })
    await leaver.request('join', { username: 'leaver', room: 'general' })
    await leaver.request('join', { username: 'leaver', room: 'lobby' })
    const leftGeneral = nextPush(general, 'userLeft')
    const leftLobby = nextPush(lobby, 'userLeft')
    leaver.close()
    expect(await leftGeneral).toEqual({ username: 'leaver', room: 'general' })
    expect(await leftLobby).toEqual({ username: 'leaver', room: 'lobby' })
    expect((await general.request('presence', { room: 'general' })).users).toEqual(['g'])
    expect((await general.request('listRooms', {})).rooms).toEqual([
      { name: 'general', members: 1 },
      { name: 'lobby', members: 1 },
    ])
  })

  test('leave tells the others; leaving a room you are not in is refused', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    const bob = client()
    await alice.request('join', { username: 'alice', room: 'lobby' })
    await bob.request('join', { username: 'bob', room: 'lobby' })
    const left = nextPush(bob, 'userLeft')
    expect(await alice.request('leave', { room: 'lobby' })).toEqual({ room: 'lobby' })
    expect(await left).toEqual({ username: 'alice', room: 'lobby' })
    expect(await failure(alice.request('leave', { room: 'lobby' }))).toBe('You are not in "lobby"')
    expect(await failure(alice.request('sendMessage', { message: 'hi' }))).toBe('Join a room before sending messages')
  })

  test('a name in two tabs is announced once and leaves with its last tab', async () => {
    await using parley = await startParley()
    const { client } = parley
    const watcher = client()
    await watcher.request('join', { username: 'watcher' })
    const joins = recordPushes(watcher, 'userJoined')
    const leaves = recordPushes(watcher, 'userLeft')
    const tab1 = client()
    const tab2 = client()
    const { token } = await tab1.request('join', { username: 'alice' })
    await tab2.request('join', { username: 'alice', token })
    tab1.close()
    expect((await watcher.request('presence', { room: 'general' })).users).toEqual(['alice', 'watcher'])
    const gone = nextPush(watcher, 'userLeft')
    tab2.close()
    await gone
    expect(joins).toEqual([{ username: 'alice', room: 'general' }])
    expect(leaves).toEqual([{ username: 'alice', room: 'general' }])
  })
})

describe('room list and presence', () => {
  test('listRooms counts members and pushes changes to those who asked', async () => {
    await using parley = await startParley()
    const { client } = parley
    const viewer = client()
    expect(await viewer.request('listRooms', {})).toEqual({ rooms: [{ name: 'general', members: 0 }] })
    const update = nextPush(viewer, 'rooms', ({ rooms }) => rooms.some((room) => room.name === 'lobby'))
    const bob = client()
    await bob.request('join', { username: 'bob', room: 'lobby' })
    expect(await update).toEqual({
      rooms: [
        { name: 'lobby', members: 1 },
        { name: 'general', members: 0 },
      ],
    })
  })

  test('presence needs the room to be joined', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    await alice.request('join', { username: 'alice' })
    expect(await alice.request('presence', { room: 'general' })).toEqual({ room: 'general', users: ['alice'] })
    expect(await failure(alice.request('presence', { room: 'secret' }))).toBe('Join "secret" to see who is there')
  })
})

describe('typing', () => {
  test('reaches the others in the room, not the typist, at most once a second', async () => {
    await using parley = await startParley()
    const { client } = parley
    const alice = client()
    const bob = client()
    const outsider = client()
    await alice.request('join', { username: 'alice', room: 'lobby' })
    await bob.request('join', { username: 'bob', room: 'lobby' })
    await outsider.request('join', { username: 'outsider', room: 'elsewhere' })
    const bobSaw = recordPushes(bob, 'userTyping')
    const aliceSaw = recordPushes(alice, 'userTyping')
    const outsiderSaw = recordPushes(outsider, 'userTyping')
    const first = nextPush(bob, 'userTyping')
    alice.send('typing', { room: 'lobby' })
    alice.send('typing', { room: 'lobby' })
    alice.send('typing', { room: 'elsewhere' })
    expect(await first).toEqual({ username: 'alice', room: 'lobby' })
    await alice.request('presence', { room: 'lobby' })
    await bob.request('presence', { room: 'lobby' })
    await outsider.request('presence', { room: 'elsewhere' })
    expect(bobSaw).toHaveLength(1)
    expect(aliceSaw).toEqual([])
    expect(outsiderSaw).toEqual([])
  })
})
