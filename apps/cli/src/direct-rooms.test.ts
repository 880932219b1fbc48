import { expect, test } from 'bun:test'
import { spawnServer } from '../../server/test/spawn-server.ts'
import { startTerminal } from '../test/terminal.ts'

test('/dm opens a direct conversation and goes to it; the other terminal is told, joins it, and answers; nobody else gets in', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)

  alice.type('/dm carol')
  await alice.printed(/No direct conversation: "carol" is not connected: they must be here to talk privately\n/)
  alice.type('/dm bob')
  const room = (await alice.printed(/Welcome to (dm-[0-9a-f]{20})!\n/))[1] as string
  await alice.printed(/A direct conversation with bob: only the two of you can read it\n/)
  // Bob may join in between: his line can come before the hint.
  await alice.printed(/\(\/join lobby goes back\)\n/)
  await bob.printed(/\* alice opened a direct conversation with you: joining it \(\/join lobby goes back\)\n/)
  await bob.printed(new RegExp(`Welcome to ${room}!\\nUsers in room: .*\\nA direct conversation with alice`))

  alice.type('just between us')
  await bob.printed(/\] alice: just between us\n/)
  bob.type('agreed')
  await alice.printed(/\] bob: agreed\n/)

  // Carol, by the room's name: refused at the door in the server's words.
  await using carol = startTerminal(server.url, 'carol', room)
  await carol.printed(/Could not join: That conversation is between two people: nobody else can join it\n/)
  expect(await carol.end()).toBe(1)
  expect(await alice.end()).toBe(0)
  expect(await bob.end()).toBe(0)
  expect(carol.output()).not.toContain('just between us')
}, 30_000)
