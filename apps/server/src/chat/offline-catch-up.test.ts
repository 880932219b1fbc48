import { describe, expect, test } from 'bun:test'
import type { ChatMessage, MessageChange } from '@parley/events'
import { type ChatClient, wholeLog } from '../../test/clients.ts'
import { spawnServer } from '../../test/spawn-server.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

const ROOM = 'r'
let ids = 0
const changeId = () => `catch-up-${++ids}-${Date.now()}`

/** A room as a client holds it, by the protocol's rules: copies by seq, the newer `rev ?? seq` wins. */
class HeldRoom {
  readonly messages = new Map<number, ChatMessage>()
  readonly #seen = new Set<number>()
  #through = 0

  /** The highest seq through which every entry of the log was seen. */
  get held(): number {
    while (this.#seen.has(this.#through + 1)) this.#seen.delete(++this.#through)
    return this.#through
  }

  /** Counts the log up to `seq` as seen, as a first join does with its `lastSeq`. */
  startAt(seq: number): void {
    this.#through = Math.max(this.#through, seq)
  }

  /** A message pushed or paged: its seq is seen. */
  message(message: ChatMessage): void {
    this.keep(message)
    this.#seen.add(message.seq)
  }

  /** A change pushed or paged: its seq is seen; its snapshot replaces a held copy only. */
  changed(change: MessageChange): void {
    if (this.messages.has(change.message.seq)) this.keep(change.message)
    this.#seen.add(change.seq)
  }

  /** A copy from a join answer: kept if newer, without counting anything as seen. */
  keep(message: ChatMessage): void {
    const held = this.messages.get(message.seq)
    if (!held || (held.rev ?? held.seq) < (message.rev ?? message.seq)) this.messages.set(message.seq, message)
  }

  /**
   * What is held, oldest first, each reply quoting the held message it answers as that
   * stands: a copy's `replyTo` is as of when it was read (its `rev` counts only its own
   * changes), so clients quote from the message itself when they hold it.
   */
  list(): ChatMessage[] {
    return [...this.messages.values()].toSorted((a, b) => a.seq - b.seq).map((message) => this.#quoting(message))
  }

  #quoting(message: ChatMessage): ChatMessage {
    const quoted = message.replyTo && this.messages.get(message.replyTo.seq)
    if (!quoted) return message
    const excerpt = quoted.deleted ? '' : (quoted.message.split('\n')[0] ?? '')
    const replyTo = {
      seq: quoted.seq,
      username: quoted.username,
      excerpt,
      ...(quoted.deleted ? { deleted: true } : {}),
    }
    return { ...message, replyTo }
  }
}

/** Joins `client` and keeps `room` as the pushes and the join answer say, live. */
async function follow(client: ChatClient, username: string, room: HeldRoom, token?: string) {
  client.on('message', (m) => m.room === ROOM && room.message(m))
  client.on('messageChanged', (c) => c.room === ROOM && room.changed(c))
  const joined = await client.request('join', { username, room: ROOM, token })
  for (const message of joined.messages) room.keep(message)
  return joined
}

/**
 * Back after being away: rejoins with the token, then reads the log after what it held,
 * page by page. Checks that the pages bring every seq it missed exactly once.
 */
async function comeBack(client: ChatClient, room: HeldRoom, token: string) {
  const away = room.held
  const joined = await follow(client, 'carol', room, token)
  expect(joined.lastSeq).toBeGreaterThan(away)
  const log = await wholeLog(client, ROOM, away, 7)
  const entries = [
    ...log.messages.map((message) => ({ seq: message.seq, apply: () => room.message(message) })),
    ...log.changes.map((change) => ({ seq: change.seq, apply: () => room.changed(change) })),
  ].toSorted((a, b) => a.seq - b.seq)
  expect(entries.map((entry) => entry.seq)).toEqual(
    Array.from({ length: joined.lastSeq - away }, (_, i) => away + i + 1),
  )
  for (const entry of entries) entry.apply()
  expect(room.held).toBe(joined.lastSeq)
  return { log, joined }
}

/** The room as the server holds it now, read afresh. */
async function serverState(client: ChatClient): Promise<ChatMessage[]> {
  const page = await client.request('history', { room: ROOM, limit: 200 })
  expect(page.hasMore).toBe(false)
  return page.messages
}

/** What alice and bob say before carol leaves: she sees it live. */
async function beforeCarolLeaves(alice: ChatClient, bob: ChatClient) {
  const send = async (who: ChatClient, message: string, replyTo?: number) =>
    (await who.request('sendMessage', { room: ROOM, message, replyTo })).seq
  const a1 = await send(alice, 'a1: the plan')
  const a2 = await send(alice, 'a2: a secret')
  const a3 = await send(alice, 'a3: lunch?')
  const b1 = await send(bob, 'b1: agreed', a1)
  const b2 = await send(bob, 'b2: which secret?', a2)
  await bob.request('react', { room: ROOM, seq: a1, emoji: '👍', add: true, clientId: changeId() })
  return { a1, a2, a3, b1, b2 }
}

/** What changes while carol is away: more than a join answer's 50 messages, and changes to the oldest. */
async function whileCarolIsAway(
  alice: ChatClient,
  bob: ChatClient,
  seqs: Awaited<ReturnType<typeof beforeCarolLeaves>>,
) {
  const { a1, a2, a3, b1 } = seqs
  await alice.request('editMessage', { room: ROOM, seq: a1, message: 'a1: the plan, revised', clientId: changeId() })
  await alice.request('deleteMessage', { room: ROOM, seq: a2, clientId: changeId() })
  await bob.request('react', { room: ROOM, seq: a3, emoji: '🎉', add: true, clientId: changeId() })
  await alice.request('react', { room: ROOM, seq: b1, emoji: '❤️', add: true, clientId: changeId() })
  for (let i = 0; i < 55; i++) await bob.request('sendMessage', { room: ROOM, message: `filler ${i}` })
  const a4 = (await alice.request('sendMessage', { room: ROOM, message: 'a4: at noon', replyTo: a3 })).seq
  await alice.request('editMessage', { room: ROOM, seq: a4, message: 'a4: at one', clientId: changeId() })
  await bob.request('react', { room: ROOM, seq: a1, emoji: '👍', add: false, clientId: changeId() })
  await bob.request('react', { room: ROOM, seq: a4, emoji: '👀', add: true, clientId: changeId() })
  await bob.request('react', { room: ROOM, seq: a4, emoji: '👀', add: false, clientId: changeId() })
  await bob.request('deleteMessage', { room: ROOM, seq: b1, clientId: changeId() })
  return { a4 }
}

describe('a client that was away catches up on every change', () => {
  test('edits, deletions, reactions taken back and replies made while it was offline', async () => {
    await using parley = await startParley({ limits: { messageRate: 0 } })
    const alice = parley.client()
    const bob = parley.client()
    await alice.request('join', { username: 'alice', room: ROOM })
    await bob.request('join', { username: 'bob', room: ROOM })
    const held = new HeldRoom()
    const carol = parley.client()
    const joined = await follow(carol, 'carol', held)
    held.startAt(joined.lastSeq)

    const seqs = await beforeCarolLeaves(alice, bob)
    const lastSeen = (await alice.request('history', { room: ROOM, limit: 1 })).lastSeq
    await until(() => held.held === lastSeen, 'carol seeing everything live')
    expect(held.messages.get(seqs.a1)?.reactions).toEqual([{ emoji: '👍', users: ['bob'] }])
    carol.close()

    const { a4 } = await whileCarolIsAway(alice, bob, seqs)
    const back = parley.client()
    const { log, joined: rejoined } = await comeBack(back, held, joined.token)
    // The oldest messages were changed but are not among the join answer's latest 50.
    expect(rejoined.messages.some((m) => m.seq === seqs.a1)).toBe(false)
    expect(log.changes.map((c) => [c.change, c.message.seq])).toContainEqual(['edited', seqs.a1])

    const now = await serverState(back)
    expect(held.list()).toEqual(now)
    // What that state is, in words.
    const at = (seq: number) => now.find((m) => m.seq === seq)
    expect(at(seqs.a1)).toMatchObject({ message: 'a1: the plan, revised' })
    expect(at(seqs.a1)?.reactions).toBeUndefined()
    expect(at(seqs.a2)).toMatchObject({ message: '', deleted: true })
    expect(at(seqs.a3)?.reactions).toEqual([{ emoji: '🎉', users: ['bob'] }])
    expect(at(seqs.b1)).toMatchObject({ message: '', deleted: true })
    // A reply that did not change itself quotes the deleted message as deleted.
    expect(at(seqs.b2)?.replyTo).toEqual({ seq: seqs.a2, username: 'alice', excerpt: '', deleted: true })
    expect(at(a4)).toMatchObject({ message: 'a4: at one', replyTo: { seq: seqs.a3, excerpt: 'a3: lunch?' } })
    expect(at(a4)?.reactions).toBeUndefined()
  })

  test('across a SIGKILL restart of the server, with changes on both sides of it', async () => {
    using data = temporaryDataDir()
    const env = { DATA_DIR: data.dataDir, MESSAGE_RATE_LIMIT: '0' }
    const held = new HeldRoom()
    let carolToken: string
    let seqs: Awaited<ReturnType<typeof beforeCarolLeaves>>
    let tokens: { alice: string; bob: string }
    {
      await using first = await spawnServer({ env })
      const alice = first.client()
      const bob = first.client()
      tokens = {
        alice: (await alice.request('join', { username: 'alice', room: ROOM })).token,
        bob: (await bob.request('join', { username: 'bob', room: ROOM })).token,
      }
      const carol = first.client()
      const joined = await follow(carol, 'carol', held)
      held.startAt(joined.lastSeq)
      carolToken = joined.token
      seqs = await beforeCarolLeaves(alice, bob)
      const lastSeen = (await alice.request('history', { room: ROOM, limit: 1 })).lastSeq
      await until(() => held.held === lastSeen, 'carol seeing everything live')
      carol.close()
      await whileCarolIsAway(alice, bob, seqs)
      first.kill('SIGKILL')
      expect(await first.exited).toBeNull()
    }

    await using second = await spawnServer({ env })
    const alice = second.client()
    const bob = second.client()
    await alice.request('join', { username: 'alice', room: ROOM, token: tokens.alice })
    await bob.request('join', { username: 'bob', room: ROOM, token: tokens.bob })
    // The right to change a message survives the restart with its session's token.
    await alice.request('editMessage', { room: ROOM, seq: seqs.a3, message: 'a3: dinner?', clientId: changeId() })
    await bob.request('react', { room: ROOM, seq: seqs.a3, emoji: '🎉', add: false, clientId: changeId() })
    await bob.request('react', { room: ROOM, seq: seqs.a1, emoji: '🙌', add: true, clientId: changeId() })

    const back = second.client()
    await comeBack(back, held, carolToken)
    const now = await serverState(back)
    expect(held.list()).toEqual(now)
    const at = (seq: number) => now.find((m) => m.seq === seq)
    expect(at(seqs.a3)).toMatchObject({ message: 'a3: dinner?' })
    expect(at(seqs.a3)?.reactions).toBeUndefined()
    expect(at(seqs.a1)).toMatchObject({
      message: 'a1: the plan, revised',
      reactions: [{ emoji: '🙌', users: ['bob'] }],
    })
    expect(at(seqs.a2)).toMatchObject({ message: '', deleted: true })
  }, 20_000)
})
