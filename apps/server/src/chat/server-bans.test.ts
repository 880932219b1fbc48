import { expect, test } from 'bun:test'
import { failure } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

const ADMIN_TOKEN = 'operator-token-0123456789'
let ids = 0
const clientId = () => `server-ban-${++ids}`

test('the operator bans a name from the whole server: its connection closes and every join is refused until lifted', async () => {
  await using parley = await startParley({ adminToken: ADMIN_TOKEN })
  const [op, bob, carol] = [parley.client(), parley.client(), parley.client()]
  await op.request('join', { username: 'op', room: 'lobby' })
  const { token } = await bob.request('join', { username: 'bob', room: 'lobby' })
  await bob.request('join', { username: 'bob', room: 'other' })
  await carol.request('join', { username: 'carol', room: 'lobby' })
  expect(await failure(carol.request('serverBan', { username: 'bob', action: 'ban', clientId: clientId() }))).toBe(
    'Only the operator can ban from the whole server',
  )
  await op.request('operator', { token: ADMIN_TOKEN })
  expect(await op.request('serverBan', { username: 'bob', action: 'ban', minutes: 30, clientId: clientId() })).toEqual({
    changed: true,
  })
  await until(() => bob.status === 'closed')
  const again = parley.client()
  expect(await failure(again.request('join', { username: 'bob', room: 'anywhere', token }))).toBe(
    'You are banned from this server for 30 more minutes',
  )
  // The same session under another name is banned too; others are not.
  expect(await failure(again.request('join', { username: 'robert', room: 'anywhere', token }))).toBe(
    'You are banned from this server for 30 more minutes',
  )
  expect((await carol.request('join', { username: 'carol', room: 'anywhere' })).success).toBe(true)
  expect(await failure(carol.request('join', { username: 'carol', room: '*server*' }))).toBe(
    '"*server*" is kept for the server: pick another name',
  )
  await op.request('serverBan', { username: 'bob', action: 'unban', clientId: clientId() })
  expect((await again.request('join', { username: 'bob', room: 'anywhere', token })).success).toBe(true)
})

test('a server ban by address refuses every name from it, but not the operator', async () => {
  await using parley = await startParley({ adminToken: ADMIN_TOKEN })
  const [op, bob] = [parley.client(), parley.client()]
  await op.request('join', { username: 'op', room: 'lobby' })
  await op.request('operator', { token: ADMIN_TOKEN })
  await bob.request('join', { username: 'bob', room: 'lobby' })
  await op.request('serverBan', { username: 'bob', action: 'ban', address: true, clientId: clientId() })
  await until(() => bob.status === 'closed')
  // Everyone here connects from 127.0.0.1.
  expect(await failure(parley.client().request('join', { username: 'mallory', room: 'lobby' }))).toBe(
    'You are banned from this server for good',
  )
  expect((await op.request('join', { username: 'op', room: 'elsewhere' })).success).toBe(true)
})
