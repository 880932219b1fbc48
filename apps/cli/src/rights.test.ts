import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnServer } from '../../server/test/spawn-server.ts'
import { startTerminal } from '../test/terminal.ts'
import { webOrigin } from './file-lines.ts'

/** An invite link as `/invite` prints it. */
const INVITE_LINK = /(http:\/\/[^\s]+\/#room=[^\s&]+&invite=[\w-]+)\n/

test('the owner sets the topic, the others see it and who set it, and a later joiner sees it on arrival', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice\nYou own this room/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)

  alice.type('/topic Release on **Friday**')
  await bob.printed(/\] \* alice set the topic: Release on \*\*Friday\*\*\n/)
  await alice.printed(/\] \* alice set the topic: Release on \*\*Friday\*\*\n/)
  bob.type('/topic')
  await bob.printed(/Topic: Release on \*\*Friday\*\*\n/)

  // Bob has no right to it: the server's words, and no change.
  bob.type('/topic mine now')
  await bob.printed(/Not changed: .+\n/)
  await using carol = startTerminal(server.url, 'carol', 'lobby')
  await carol.printed(/Welcome to lobby!\nUsers in room: .*\nTopic: Release on \*\*Friday\*\*\n/)

  expect(await alice.end()).toBe(0)
  expect(await bob.end()).toBe(0)
  expect(bob.output()).not.toContain('mine now\n[')
}, 30_000)

test('a muted person is told, and their messages are refused in the server’s words until unmuted', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)

  bob.type('/mute alice')
  await bob.printed(/Not changed: .+\n/)
  alice.type('/mute bob 5')
  await alice.printed(/\] \* alice muted bob for 5 minutes\n/)
  await bob.printed(/\] \* alice muted you for 5 minutes: you can read but not send or react until /)
  bob.type('let me talk')
  await bob.printed(/Not sent: You are muted in "lobby" for \d+ more minutes?\n/)

  alice.type('/unmute bob')
  await bob.printed(/\] \* alice unmuted you: you can send again\n/)
  bob.type('thank you')
  await alice.printed(/\] bob: thank you\n/)
  expect(await bob.end()).toBe(0)
  expect(alice.output()).not.toContain('let me talk')
}, 30_000)

test('a private room is joined by its invite link, on the command line or by /join; without it, or with a replaced one, refused', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'secret', 'private')
  await alice.printed(/This room is private: only its invite link lets people in\nYou own this room/)
  alice.type('/invite')
  const link = (await alice.printed(INVITE_LINK))[1] as string
  expect(link.startsWith(`${webOrigin(server.url)}/#room=secret&invite=`)).toBe(true)

  // No invite: refused at the door, in the server's words.
  await using mallory = startTerminal(server.url, 'mallory', 'secret')
  await mallory.printed(/Could not join: The room "secret" is private: join it with an invite link\n/)
  expect(await mallory.end()).toBe(1)

  await using bob = startTerminal(server.url, 'bob', link)
  await bob.printed(/Welcome to secret!\nUsers in room: .*\nThis room is private/)
  await alice.printed(/>>> bob joined the room/)

  await using carol = startTerminal(server.url, 'carol', 'lobby')
  await carol.printed(/Users in room: carol/)
  carol.type('/join secret')
  await carol.printed(/Could not join: The room "secret" is private: join it with an invite link\n/)
  carol.type('still in the lobby')
  await carol.printed(/\] carol: still in the lobby\n/)

  alice.type('/invite new')
  const fresh = (await alice.printed(INVITE_LINK))[1] as string
  expect(fresh).not.toBe(link)
  carol.type(`/join ${link}`)
  await carol.printed(/Could not join: That invite link is not valid any more: ask the room's owner for a new one\n/)
  carol.type(`/join ${fresh}`)
  await carol.printed(/Welcome to secret!\n/)
  carol.type('hello secret')
  await bob.printed(/\] carol: hello secret\n/)

  expect(await alice.end()).toBe(0)
  expect(await bob.end()).toBe(0)
  expect(await carol.end()).toBe(0)
}, 40_000)

test('a removed person is told and is out until they join again; a banned one is refused; the record shows both', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)

  alice.type('/kick bob')
  await bob.printed(/\] \* you were removed from #lobby by alice: \/join lobby to come back\n/)
  await alice.printed(/\] \* alice removed bob from #lobby\n/)
  bob.type('am I here?')
  await bob.printed(/Not sent: .+\n/)
  bob.type('/join lobby')
  await bob.printed(/Welcome to lobby!\n/)
  bob.type('back again')
  await alice.printed(/\] bob: back again\n/)
  expect(alice.output()).not.toContain('am I here?')

  alice.type('/ban bob 60')
  await bob.printed(/\] \* you were banned from #lobby by alice for 1 hour until .+\n/)
  await alice.printed(/\] \* alice banned bob for 1 hour\n/)
  bob.type('/join lobby')
  await bob.printed(/Could not join: You are banned from "lobby" for \d+ more minutes\n/)

  alice.type('/modlog')
  await alice.printed(
    /Moderation record of lobby:\n.*\* alice removed bob from #lobby\n.*\* alice banned bob for 1 hour\n/,
  )
  bob.type('/modlog')
  await bob.printed(/No moderation record: .+\n/)
  expect(await bob.end()).toBe(0)
  expect(await alice.end()).toBe(0)
}, 30_000)

test('changes to the room made while the terminal was away are printed once when it catches up', async () => {
  const token = 'operator-token-0123456789'
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
  try {
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN: token }
    const first = await spawnServer({ env })
    const port = String(first.port)
    await using alice = startTerminal(first.url, 'alice', 'lobby')
    await alice.printed(/Users in room: alice/)
    alice.type('before the restart')
    await alice.printed(/\] alice: before the restart\n/)
    await first[Symbol.asyncDispose]()

    // While alice's terminal is away, the operator sets the topic and slow mode, and bob talks.
    {
      await using away = await spawnServer({ env })
      const op = away.client()
      await op.request('join', { username: 'op', room: 'lobby' })
      await op.request('operator', { token })
      await op.request('setTopic', { room: 'lobby', topic: 'First while away', clientId: 'topic-away-0' })
      await op.request('setTopic', { room: 'lobby', topic: 'Set while away', clientId: 'topic-away-1' })
      await op.request('sendMessage', { message: 'while you were away', room: 'lobby' })
      await op.request('setSlowMode', { room: 'lobby', seconds: 30, clientId: 'slow-away-1' })
    }

    await using _back = await spawnServer({ env: { ...env, PORT: port } })
    // Replayed, each change says what it set.
    await alice.printed(/\] \* op set the topic: First while away\n/)
    await alice.printed(/\] \* op set the topic: Set while away\n/)
    await alice.printed(/\] op: while you were away\n/)
    await alice.printed(/\] \* op turned slow mode on: one message per 30 seconds each\n/)
    alice.type('/topic')
    await alice.printed(/Topic: Set while away\n/)
    expect(await alice.end()).toBe(0)
    expect(alice.output().match(/set the topic/g)).toHaveLength(2)
    expect(alice.output()).not.toContain('lost')
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 60_000)
