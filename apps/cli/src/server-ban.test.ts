import { expect, test } from 'bun:test'
import { spawnServer } from '../../server/test/spawn-server.ts'
import { startTerminal } from '../test/terminal.ts'

const token = 'operator-token-0123456789'

test('the operator bans a name from the server: its terminal prints why and stops; a join is refused in words until the ban is lifted', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:', ADMIN_TOKEN: token } })
  await using op = startTerminal(server.url, 'op', 'lobby')
  await op.printed(/Users in room: op/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)

  // Bob is not the operator: refused, and nothing changes.
  bob.type('/serverban op')
  await bob.printed(/Not changed: Only the operator can ban from the whole server\n/)

  op.type(`/operator ${token}`)
  await op.printed(/operator/i)
  op.type('/serverban bob')
  await op.printed(/bob is banned from the server for good\n/)
  await bob.printed(/The server closed the connection: Banned from this server for good\n/)
  // It stops there, rather than reconnect to be refused.
  expect(await bob.end()).toBe(1)

  await using again = startTerminal(server.url, 'bob', 'lobby')
  await again.printed(/Could not join: You are banned from this server for good\n/)
  expect(await again.end()).toBe(1)

  op.type('/serverunban bob')
  await op.printed(/bob may come back to the server\n/)
  await using back = startTerminal(server.url, 'bob', 'lobby')
  await back.printed(/Welcome to lobby!\n/)
  op.type('/serverunban bob')
  await op.printed(/bob is not banned from the server\n/)
  expect(await back.end()).toBe(0)
  expect(await op.end()).toBe(0)
}, 40_000)
