import { describe, expect, test } from 'bun:test'
import { HISTORY_PAGE_SIZE } from '@parley/events/rules'
import { type ChatClient, failure, nextPush, recordPushes } from '../../test/clients.ts'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { type Parley, startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

/** Joins `room` as `username`; with `token`, as another connection of that session. */
async function joinAs(client: ChatClient, username: string, room: string, token?: string) {
  return client.request('join', { username, room, ...(token ? { token } : {}) })
}

/** Two connections of alice's session and one of bob's, all in `room`, with `count` messages from bob. */
async function aliceTwiceAndBob(parley: Parley, room: string, count: number) {
  const tabA = parley.client()
  const tabB = parley.client()
  const bob = parley.client()
  const { token } = await joinAs(tabA, 'alice', room)
  await joinAs(tabB, 'alice', room, token)
  await joinAs(bob, 'bob', room)
  for (let i = 1; i <= count; i++) await bob.request('sendMessage', { message: `m${i}`, room })
  return { tabA, tabB, bob, token }
}

let changes = 0
const changeId = () => `change-${++changes}`

/** Rate limits off: some tests fill a room faster than a person could. */
const limits = { messageRate: 0 }

const servers: [string, () => Promise<Parley>][] = [
  ['SQLite', () => startParley({ limits })],
  [
    'PostgreSQL',
    async () => {
      const schema = await temporaryPostgresSchema()
      const parley = await startParley({ limits, storage: { dataDir: '', databaseUrl: schema.url } })
      const stop = parley.stop
      return Object.assign(parley, {
        stop: async () => {
          await stop()
          await schema.remove()
        },
        [Symbol.asyncDispose]: async () => {
          await stop()
          await schema.remove()
        },
      })
    },
  ],
]

for (const [name, start] of servers) {
  describe(`read state on ${name}`, () => {
    test('the join answer says nothing is read yet, at the default level', async () => {
      await using parley = await start()
      const answer = await joinAs(parley.client(), 'alice', 'lobby')
      expect(answer.readSeq).toBe(0)
      expect(answer.unread).toBe(0)
      expect(answer.notify).toBe('mentions')
    })

    test("a join counts the unread messages after the position: not the session's own, not deleted ones", async () => {
      await using parley = await start()
      const { tabA, bob, token } = await aliceTwiceAndBob(parley, 'lobby', 2)
      await tabA.request('sendMessage', { message: 'mine', room: 'lobby' })
      const doomed = await bob.request('sendMessage', { message: 'oops', room: 'lobby' })
      await bob.request('deleteMessage', { room: 'lobby', seq: doomed.seq, clientId: changeId() })
      const third = await bob.request('sendMessage', { message: 'm3', room: 'lobby' })
      // Bob's 1, 2 and 3: not alice's own, not the deleted one, not the deletion.
      expect((await joinAs(parley.client(), 'alice', 'lobby', token)).unread).toBe(3)
      await tabA.request('markRead', { room: 'lobby', seq: 1 })
      const after = await joinAs(parley.client(), 'alice', 'lobby', token)
      expect(after).toMatchObject({ readSeq: 1, unread: 2 })
      await tabA.request('markRead', { room: 'lobby', seq: third.seq })
      expect((await joinAs(parley.client(), 'alice', 'lobby', token)).unread).toBe(0)
      // Bob's session reads alice's message as unread, and none of his own.
      expect((await bob.request('join', { username: 'bob', room: 'lobby' })).unread).toBe(1)
    })

    test('a join counts more unread messages than it brings', async () => {
      await using parley = await start()
      const { tabA, bob, token } = await aliceTwiceAndBob(parley, 'lobby', 1)
      await tabA.request('markRead', { room: 'lobby', seq: 1 })
      const count = HISTORY_PAGE_SIZE * 2 + 7
      await Promise.all(
        Array.from({ length: count }, (_, i) => bob.request('sendMessage', { message: `n${i}`, room: 'lobby' })),
      )
      const answer = await joinAs(parley.client(), 'alice', 'lobby', token)
      expect(answer.messages).toHaveLength(HISTORY_PAGE_SIZE)
      expect(answer.unread).toBe(count)
    })

    test("marking read answers the position, tells the session's other connections and no one else", async () => {
      await using parley = await start()
      const { tabA, tabB, bob, token } = await aliceTwiceAndBob(parley, 'lobby', 3)
      const atA = recordPushes(tabA, 'readState')
      const atBob = recordPushes(bob, 'readState')
      const told = nextPush(tabB, 'readState')
      expect(await tabA.request('markRead', { room: 'lobby', seq: 2 })).toEqual({ room: 'lobby', seq: 2 })
      expect(await told).toEqual({ room: 'lobby', seq: 2, notify: 'mentions' })
      // A later join of the session (a reload) starts from there.
      expect((await joinAs(parley.client(), 'alice', 'lobby', token)).readSeq).toBe(2)
      // Bob's own mark is his; nothing of alice's reached him or came back to the asker.
      expect((await bob.request('markRead', { room: 'lobby', seq: 1 })).seq).toBe(1)
      await tabB.request('presence', { room: 'lobby' })
      expect(atA).toEqual([])
      expect(atBob).toEqual([])
    })

    test('an older position changes nothing and tells no one', async () => {
      await using parley = await start()
      const { tabA, tabB } = await aliceTwiceAndBob(parley, 'lobby', 3)
      const atB = recordPushes(tabB, 'readState')
      await tabA.request('markRead', { room: 'lobby', seq: 3 })
      await until(() => atB.length === 1, 'the first push')
      expect(await tabA.request('markRead', { room: 'lobby', seq: 1 })).toEqual({ room: 'lobby', seq: 3 })
      expect(await tabB.request('markRead', { room: 'lobby', seq: 3 })).toEqual({ room: 'lobby', seq: 3 })
      await tabA.request('presence', { room: 'lobby' })
      expect(atB).toEqual([{ room: 'lobby', seq: 3, notify: 'mentions' }])
    })

    test('the notification level follows the session to its other connections and its next join', async () => {
      await using parley = await start()
      const { tabA, tabB, token } = await aliceTwiceAndBob(parley, 'lobby', 1)
      const told = nextPush(tabB, 'readState')
      expect(await tabA.request('notifyLevel', { room: 'lobby', level: 'nothing' })).toEqual({
        room: 'lobby',
        level: 'nothing',
      })
      expect(await told).toEqual({ room: 'lobby', seq: 0, notify: 'nothing' })
      expect((await joinAs(parley.client(), 'alice', 'lobby', token)).notify).toBe('nothing')
    })
  })
}

describe('read state refusals', () => {
  test('a room not joined is refused in words, and nothing is stored', async () => {
    await using parley = await startParley()
    const { tabA, token } = await aliceTwiceAndBob(parley, 'lobby', 2)
    await joinAs(tabA, 'alice', 'elsewhere', token)
    const stranger = parley.client()
    expect(await failure(stranger.request('markRead', { room: 'lobby', seq: 1 }))).toBe('Join "lobby" to mark it read')
    expect(await failure(stranger.request('notifyLevel', { room: 'lobby', level: 'all' }))).toBe(
      'Join "lobby" to choose its notifications',
    )
    await tabA.request('leave', { room: 'lobby' })
    expect(await failure(tabA.request('markRead', { room: 'lobby', seq: 2 }))).toBe('Join "lobby" to mark it read')
    expect((await joinAs(parley.client(), 'alice', 'lobby', token)).readSeq).toBe(0)
  })

  test('a position beyond the end of the room is refused in words', async () => {
    await using parley = await startParley()
    const { tabA, token } = await aliceTwiceAndBob(parley, 'lobby', 2)
    expect(await failure(tabA.request('markRead', { room: 'lobby', seq: 3 }))).toBe(
      '"lobby" has nothing at 3 to read: its log ends at 2',
    )
    expect((await joinAs(parley.client(), 'alice', 'lobby', token)).readSeq).toBe(0)
  })

  test('malformed requests are refused with the field named', async () => {
    await using parley = await startParley()
    const raw = parley.client({ validate: false })
    await joinAs(raw, 'alice', 'lobby')
    expect(await failure(raw.request('markRead', { room: 'lobby', seq: -1 } as never))).toMatch(/seq/)
    expect(await failure(raw.request('notifyLevel', { room: 'lobby', level: 'loud' } as never))).toMatch(
      /A notification level is 'all', 'mentions' or 'nothing'/,
    )
  })

  test("another session's connections never hear yours, even under the same name later", async () => {
    await using parley = await startParley()
    const { tabA, tabB } = await aliceTwiceAndBob(parley, 'lobby', 2)
    // Alice leaves everywhere; someone else takes the name with a session of their own.
    await tabA.request('leave', { room: 'lobby' })
    await tabB.request('leave', { room: 'lobby' })
    const other = parley.client()
    const answer = await joinAs(other, 'alice', 'lobby')
    expect(answer.readSeq).toBe(0)
    const atOther = recordPushes(other, 'readState')
    const { token } = await joinAs(tabA, 'carol', 'lobby')
    await joinAs(tabB, 'carol', 'lobby', token)
    await tabA.request('markRead', { room: 'lobby', seq: 2 })
    await other.request('presence', { room: 'lobby' })
    expect(atOther).toEqual([])
  })
})
