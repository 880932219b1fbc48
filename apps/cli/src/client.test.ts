import { expect, test } from 'bun:test'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nextPush } from '../../server/test/clients.ts'
import { redeem } from '../../server/test/handoffs.ts'
import { spawnServer } from '../../server/test/spawn-server.ts'
import { startTerminal } from '../test/terminal.ts'

/** The seq a printed line shows for a message: `[time #12] …`. */
const seqOf = (match: RegExpExecArray) => Number(match[1])

test('two terminals edit, reply, react and delete, and see each other do it', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice/)
  await using bob = startTerminal(server.url, 'bob', 'lobby')
  await bob.printed(/Users in room: /)
  await alice.printed(/>>> bob joined the room/)

  alice.type('helo everyone')
  const seq = seqOf(await bob.printed(/\[[^\]]* #(\d+)\] alice: helo everyone\n/))
  await alice.printed(new RegExp(`#${seq}\\] alice: helo everyone`))

  alice.type('/edit hello everyone')
  await bob.printed(new RegExp(`\\] alice edited #${seq}: hello everyone\n`))
  await alice.printed(new RegExp(`\\] alice edited #${seq}: hello everyone\n`))

  bob.type(`/reply #${seq} hi alice`)
  await alice.printed(/ #\d+\] bob ↪ alice "hello everyone": hi alice\n/)

  bob.type(`/react #${seq} 👍`)
  await alice.printed(new RegExp(`\\] bob reacted 👍 to #${seq} \\(👍 1\\)\n`))
  bob.type(`/react #${seq} 👍`)
  await alice.printed(new RegExp(`\\] bob took back 👍 on #${seq}\n`))

  bob.type(`/edit #${seq} not yours`)
  await bob.printed(/Not changed: .*own messages/)
  bob.type(`/delete #${seq}`)
  await bob.printed(/Not changed: .*own messages/)
  bob.type('//shrug')
  await alice.printed(/\] bob: \/shrug\n/)

  alice.type('/delete')
  await bob.printed(new RegExp(`\\] alice deleted #${seq}\n`))

  expect(await alice.end()).toBe(0)
  expect(await bob.end()).toBe(0)
  // Each change was printed once.
  expect(bob.output().match(/alice edited/g)).toHaveLength(1)
}, 30_000)

test('a terminal that presents the operator token deletes anyone’s message, also after a restart; a wrong token is refused', async () => {
  const token = 'operator-token-0123456789'
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
  try {
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN: token }
    const first = await spawnServer({ env })
    await using alice = startTerminal(first.url, 'alice', 'lobby')
    await alice.printed(/Users in room: alice/)
    await using carol = startTerminal(first.url, 'carol', 'lobby')
    await carol.printed(/Users in room: /)
    alice.type('something rude')
    const seq = seqOf(await carol.printed(/ #(\d+)\] alice: something rude\n/))

    carol.type('/operator not-the-operator-token')
    await carol.printed(/Not the operator: That is not the operator token\n/)
    carol.type(`/delete #${seq}`)
    await carol.printed(/Not changed: .*own messages/)
    carol.type(`/operator ${token}`)
    await carol.printed(/You are the operator/)

    // A new connection is not the operator until told: the terminal tells it after the restart.
    await first[Symbol.asyncDispose]()
    await using _back = await spawnServer({ env: { ...env, PORT: String(first.port) } })
    // Carol's terminal shows pushes only once it has rejoined, and it presents the token before that.
    alice.type('after the restart')
    await carol.printed(/ #\d+\] alice: after the restart\n/)
    carol.type(`/delete #${seq}`)
    await alice.printed(new RegExp(`\\] carol deleted #${seq}\n`))
    expect(await alice.end()).toBe(0)
    expect(await carol.end()).toBe(0)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 30_000)

test('after the server restarts, the terminal prints what it missed once and still edits its own message', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
  try {
    const first = await spawnServer({ env: { DATA_DIR: dataDir } })
    const port = String(first.port)
    await using alice = startTerminal(first.url, 'alice', 'lobby')
    await alice.printed(/Users in room: alice/)
    alice.type('before the restart')
    const mine = seqOf(await alice.printed(/ #(\d+)\] alice: before the restart\n/))
    const bob = first.client()
    const { token } = await bob.request('join', { username: 'bob', room: 'lobby' })
    await bob.request('sendMessage', { message: 'first from bob', room: 'lobby' })
    const bobs = seqOf(await alice.printed(/ #(\d+)\] bob: first from bob\n/))
    await first[Symbol.asyncDispose]()

    // While alice's terminal is away, bob talks and changes things on another port.
    {
      await using away = await spawnServer({ env: { DATA_DIR: dataDir } })
      const bobAway = away.client()
      await bobAway.request('join', { username: 'bob', room: 'lobby', token })
      await bobAway.request('sendMessage', { message: 'while you were away', room: 'lobby' })
      await bobAway.request('editMessage', {
        room: 'lobby',
        seq: bobs,
        message: 'first, edited',
        clientId: 'edit-away-1',
      })
      await bobAway.request('react', { room: 'lobby', seq: mine, emoji: '🎉', add: true, clientId: 'react-away-1' })
    }

    // Back on alice's port: her terminal rejoins and catches up.
    await using back = await spawnServer({ env: { DATA_DIR: dataDir, PORT: port } })
    await alice.printed(/ #\d+\] bob: while you were away\n/)
    await alice.printed(new RegExp(`\\] bob edited #${bobs}: first, edited\n`))
    await alice.printed(new RegExp(`\\] bob reacted 🎉 to #${mine} \\(🎉 1\\)\n`))

    const watcher = back.client()
    await watcher.request('join', { username: 'watcher', room: 'lobby' })
    const edited = nextPush(watcher, 'messageChanged', (change) => change.message.seq === mine, 10_000)
    alice.type('/edit after the restart')
    expect((await edited).message).toMatchObject({ message: 'after the restart', username: 'alice' })
    await alice.printed(new RegExp(`\\] alice edited #${mine}: after the restart\n`))

    expect(await alice.end()).toBe(0)
    expect(alice.output().match(/while you were away/g)).toHaveLength(1)
    expect(alice.output()).not.toContain('Not changed')
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 60_000)

/** Puts the SQLite database of folder `from` (the file and its write-ahead log) in folder `to`, of a stopped server. */
function copySqlite(from: string, to: string): void {
  // The shared-memory index is rebuilt from the log when the file is opened.
  rmSync(join(to, 'parley.db-shm'), { force: true })
  for (const name of ['parley.db', 'parley.db-wal']) {
    rmSync(join(to, name), { force: true })
    if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name))
  }
}

test('when the server lost its last messages and others took their seqs, the terminal says so and shows the new ones', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
  const earlier = mkdtempSync(join(tmpdir(), 'parley-cli-earlier-'))
  try {
    const first = await spawnServer({ env: { DATA_DIR: dataDir } })
    const port = String(first.port)
    await using alice = startTerminal(first.url, 'alice', 'lobby')
    await alice.printed(/Users in room: alice/)
    alice.type('kept')
    const kept = seqOf(await alice.printed(/ #(\d+)\] alice: kept\n/))
    // What the disk may hold after a power loss a moment from now: the files as they are.
    copySqlite(dataDir, earlier)
    alice.type('lost one')
    alice.type('lost two')
    await alice.printed(/ #\d+\] alice: lost two\n/)
    await first[Symbol.asyncDispose]()
    copySqlite(earlier, dataDir)

    // While alice's terminal is away, bob sends more messages than were lost, on another port.
    {
      await using away = await spawnServer({ env: { DATA_DIR: dataDir } })
      const bob = away.client()
      await bob.request('join', { username: 'bob', room: 'lobby' })
      for (const text of ['new one', 'new two', 'new three']) await bob.request('sendMessage', { message: text })
    }

    await using _back = await spawnServer({ env: { DATA_DIR: dataDir, PORT: port } })
    await alice.printed(
      new RegExp(`The server lost the messages after #${kept} \\(#${kept + 1} to #${kept + 2} above\\)`),
    )
    await alice.printed(new RegExp(` #${kept + 1}\\] bob: new one\n`))
    await alice.printed(new RegExp(` #${kept + 2}\\] bob: new two\n`))
    await alice.printed(new RegExp(` #${kept + 3}\\] bob: new three\n`))
    expect(await alice.end()).toBe(0)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(earlier, { recursive: true, force: true })
  }
}, 60_000)

test('/continue prints a one-time link, with its QR code, that hands this terminal’s session to a browser', async () => {
  await using server = await spawnServer({ env: { DATABASE_URL: 'memory:' } })
  await using alice = startTerminal(server.url, 'alice', 'lobby')
  await alice.printed(/Users in room: alice/)
  alice.type('/continue')
  const [, link, code] = await alice.printed(/Open (http:\/\/127\.0\.0\.1:\d+\/#continue=([\w-]{43})) on your phone/)
  await alice.printed(/It works once, until /)
  // The quiet zone around the code is light: blocks, on a dark terminal.
  expect(alice.output()).toMatch(/\n█{10,}\n/)
  expect(link).toStartWith(`${server.http}/`)
  const redeemed = await redeem(server.http, code ?? '')
  expect(redeemed.grant).toMatchObject({ username: 'alice', rooms: ['lobby'] })
  expect(await alice.end()).toBe(0)
})
