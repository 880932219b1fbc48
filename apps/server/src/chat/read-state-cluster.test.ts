import { expect, test } from 'bun:test'
import { nextPush, recordPushes } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'

test("a session's read position and level reach its connections on the other instance", async () => {
  await using cluster = await startCluster()
  const tabA = cluster.one.client()
  const tabB = cluster.two.client()
  const bob = cluster.two.client()
  const { token } = await tabA.request('join', { username: 'alice', room: 'shared' })
  await tabB.request('join', { username: 'alice', room: 'shared', token })
  await bob.request('join', { username: 'bob', room: 'shared' })
  const atBob = recordPushes(bob, 'readState')
  for (let i = 1; i <= 3; i++) await bob.request('sendMessage', { message: `m${i}`, room: 'shared' })

  const read = nextPush(tabB, 'readState')
  expect(await tabA.request('markRead', { room: 'shared', seq: 3 })).toEqual({ room: 'shared', seq: 3 })
  expect(await read).toEqual({ room: 'shared', seq: 3, notify: 'mentions' })

  const level = nextPush(tabA, 'readState')
  await tabB.request('notifyLevel', { room: 'shared', level: 'all' })
  expect(await level).toEqual({ room: 'shared', seq: 3, notify: 'all' })

  // The other instance's next join of the session starts from the stored mark.
  const again = await cluster.two.client().request('join', { username: 'alice', room: 'shared', token })
  expect([again.readSeq, again.notify]).toEqual([3, 'all'])
  await bob.request('presence', { room: 'shared' })
  expect(atBob).toEqual([])
}, 30_000)
