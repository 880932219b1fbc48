import { expect, test } from 'bun:test'
import type { ChatEvents, MessageChange } from '@parley/events'
import type { Payload } from '@parley/wsx/shared'
import { type ChatClient, connect, nextPush, recordPushes } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { startRedis } from '../../test/redis-process.ts'
import { spawnServer } from '../../test/spawn-server.ts'
import { until } from '../../test/until.ts'

type ChatMessage = Payload<ChatEvents, 'message'>

/** What a client holds after these pushes, by the protocol's rule: of two copies of a message, the higher `rev ?? seq`. */
function heldFrom(messages: readonly ChatMessage[], changes: readonly MessageChange[]): ChatMessage[] {
  const held = new Map<number, ChatMessage>()
  const keep = (m: ChatMessage) => {
    const copy = held.get(m.seq)
    if (!copy || (copy.rev ?? copy.seq) < (m.rev ?? m.seq)) held.set(m.seq, m)
  }
  for (const m of messages) keep(m)
  for (const change of changes) if (held.has(change.message.seq)) keep(change.message)
  return [...held.values()].toSorted((a, b) => a.seq - b.seq).map((m) => withQuoteFrom(held, m))
}

/**
 * A reply's quote as a client shows it when it holds the quoted message: from that
 * message as it stands (a copy's `replyTo` is as of when it was read; `rev` counts only
 * the reply's own changes).
 */
function withQuoteFrom(held: ReadonlyMap<number, ChatMessage>, message: ChatMessage): ChatMessage {
  const quoted = message.replyTo && held.get(message.replyTo.seq)
  if (!quoted) return message
  const excerpt = quoted.deleted ? '' : (quoted.message.split('\n')[0] ?? '')
  const replyTo = { seq: quoted.seq, username: quoted.username, excerpt, ...(quoted.deleted ? { deleted: true } : {}) }
  return { ...message, replyTo }
}

/** Every seq of the log the pushes brought, in the order they came. */
const seqsOf = (messages: readonly ChatMessage[], changes: readonly MessageChange[]) =>
  [...messages.map((m) => m.seq), ...changes.map((c) => c.seq)].toSorted((a, b) => a - b)

test('messages, joins, typing and leaves cross between instances; both sides hold the same messages by seq', async () => {
  await using cluster = await startCluster()
  const alice = cluster.one.client()
  const bob = cluster.two.client()
  await alice.request('join', { username: 'alice', room: 'shared' })
  const bobJoined = nextPush(alice, 'userJoined')
  await bob.request('join', { username: 'bob', room: 'shared' })
  expect(await bobJoined).toEqual({ username: 'bob', room: 'shared' })

  const typing = nextPush(bob, 'userTyping')
  alice.send('typing', { room: 'shared' })
  expect(await typing).toEqual({ username: 'alice', room: 'shared' })

  const atAlice = recordPushes(alice, 'message')
  const atBob = recordPushes(bob, 'message')
  await Promise.all([
    ...Array.from({ length: 50 }, (_, i) => alice.request('sendMessage', { message: `a${i}`, room: 'shared' })),
    ...Array.from({ length: 50 }, (_, i) => bob.request('sendMessage', { message: `b${i}`, room: 'shared' })),
  ])
  await until(() => atAlice.length === 100 && atBob.length === 100, 'all 100 messages on both sides')
  // Each side hears its own instance first, so arrival order differs; ordered by seq, both hold the same.
  const bySeq = (seen: ChatMessage[]) => seen.toSorted((a, b) => a.seq - b.seq).map((m) => `${m.seq}:${m.message}`)
  expect(bySeq(atAlice)).toEqual(bySeq(atBob))
  expect(bySeq(atAlice).map((entry) => Number(entry.split(':')[0]))).toEqual(
    Array.from({ length: 100 }, (_, i) => i + 1),
  )

  const left = nextPush(alice, 'userLeft')
  bob.close()
  expect(await left).toEqual({ username: 'bob', room: 'shared' })
}, 30_000)

test('through a Redis outage, no acknowledged message is lost, and health says what is wrong', async () => {
  await using cluster = await startCluster()
  const { redis, one, two } = cluster
  const alice = one.client()
  const bob = two.client()
  await alice.request('join', { username: 'alice', room: 'outage' })
  await bob.request('join', { username: 'bob', room: 'outage' })
  const atBob = recordPushes(bob, 'message')
  await alice.request('sendMessage', { message: 'before', room: 'outage' })
  await until(() => atBob.length === 1, 'bob hearing the first message')

  await redis.stop()
  const sentDuring: number[] = []
  for (let i = 0; i < 20; i++) {
    sentDuring.push((await alice.request('sendMessage', { message: `during ${i}`, room: 'outage' })).seq)
  }
  await until(async () => (await fetch(`${two.http}/api/health`)).status === 503, 'health turning 503')
  const health = await (await fetch(`${two.http}/api/health`)).json()
  expect(health).toMatchObject({ status: 'degraded', problems: [expect.stringContaining('Redis')] })

  await using _restarted = await startRedis(redis.port)
  await alice.request('sendMessage', { message: 'after', room: 'outage' })
  await until(() => atBob.some((m) => m.message === 'after') && atBob.length >= 22, 'bob catching up', 20_000)
  expect(atBob.map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1))
  // Acknowledged during the outage with the seqs between the first and the last, and delivered as sent.
  expect(sentDuring).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
  expect(atBob.map((m) => m.message)).toEqual([
    'before',
    ...Array.from({ length: 20 }, (_, i) => `during ${i}`),
    'after',
  ])
  expect((await fetch(`${two.http}/api/health`)).status).toBe(200)
}, 40_000)

test('when an instance dies, its people leave the others within 15 s, and its clients resume on the survivor', async () => {
  await using cluster = await startCluster()
  const { one: doomed, two: survivor } = cluster
  const carol = doomed.client()
  await carol.request('join', { username: 'carol', room: 'k' })

  let alive = true
  // A load balancer's view: the doomed instance while it lives, then the survivor.
  await using erin = connect(() => (alive ? doomed.url : survivor.url), { reconnect: true, firstRetryDelay: 50 })
  const atErin = new Map<number, string>()
  let token: string | undefined
  erin.on('message', (m) => atErin.set(m.seq, m.message))
  erin.onOpen(async () => {
    // What the web app does on every connection: rejoin with its token, then catch up.
    const joined = await erin.request('join', { username: 'erin', room: 'k', token })
    token = joined.token
    for (const m of joined.messages) atErin.set(m.seq, m.message)
  })
  const dave = survivor.client()
  await dave.request('join', { username: 'dave', room: 'k' })
  await until(() => token !== undefined, 'erin joining')
  await erin.request('sendMessage', { message: 'erin 1', room: 'k' })
  await until(() => atErin.size === 1, 'erin hearing her message')
  expect((await dave.request('presence', { room: 'k' })).users).toEqual(['carol', 'dave', 'erin'])

  const carolLeft = nextPush(dave, 'userLeft', (p) => p.username === 'carol', 15_000)
  alive = false
  doomed.kill('SIGKILL')
  const killedAt = performance.now()
  for (let i = 0; i < 5; i++) await dave.request('sendMessage', { message: `dave ${i}`, room: 'k' })
  expect(await carolLeft).toEqual({ username: 'carol', room: 'k' })
  expect(performance.now() - killedAt).toBeLessThan(15_000)
  expect((await dave.request('presence', { room: 'k' })).users).toEqual(['dave', 'erin'])

  await until(() => erin.status === 'open' && atErin.size === 6, 'erin resuming on the survivor', 15_000)
  // Erin holds the whole room once, by seq: her own message, then what dave sent while she moved over.
  expect([...atErin.entries()].toSorted(([a], [b]) => a - b)).toEqual([
    [1, 'erin 1'],
    ...Array.from({ length: 5 }, (_, i): [number, string] => [i + 2, `dave ${i}`]),
  ])
}, 40_000)

test('edits, deletions and reactions cross between instances in seq order; after a Redis outage they are caught up from storage; all end the same', async () => {
  await using cluster = await startCluster()
  const { redis, one, two } = cluster
  const alice = one.client()
  const bob = two.client()
  const { token: aliceToken } = await alice.request('join', { username: 'alice', room: 'changes' })
  await bob.request('join', { username: 'bob', room: 'changes' })
  const pushes = (client: ChatClient) => ({
    messages: recordPushes(client, 'message'),
    changes: recordPushes(client, 'messageChanged'),
  })
  const atAlice = pushes(alice)
  const atBob = pushes(bob)
  let ids = 0
  const id = () => `cluster-change-${++ids}`
  const send = async (who: ChatClient, message: string, replyTo?: number) =>
    (await who.request('sendMessage', { room: 'changes', message, replyTo })).seq
  const a1 = await send(alice, 'one')
  const a2 = await send(alice, 'two')
  const b3 = await send(bob, 'three', a1)

  // Changes made on the first instance reach bob on the second live, each once, in seq order.
  const madeOnOne = [
    await alice.request('editMessage', { room: 'changes', seq: a1, message: 'one, edited', clientId: id() }),
    await alice.request('react', { room: 'changes', seq: b3, emoji: '👍', add: true, clientId: id() }),
    await alice.request('deleteMessage', { room: 'changes', seq: a2, clientId: id() }),
    await alice.request('react', { room: 'changes', seq: b3, emoji: '👍', add: false, clientId: id() }),
    await alice.request('react', { room: 'changes', seq: a1, emoji: '🎉', add: true, clientId: id() }),
  ].map((answer) => answer.seq)
  await until(() => atBob.changes.length === madeOnOne.length, "bob hearing alice's changes")
  expect(atBob.changes.map((c) => c.seq)).toEqual(madeOnOne as number[])
  expect(atBob.changes.map((c) => c.change)).toEqual(['edited', 'reacted', 'deleted', 'unreacted', 'reacted'])
  expect(atBob.changes.at(-1)?.message).toMatchObject({ seq: a1, message: 'one, edited', reactions: [{ emoji: '🎉' }] })
  // And the other way.
  const madeOnTwo = [
    await bob.request('editMessage', { room: 'changes', seq: b3, message: 'three, edited', clientId: id() }),
    await bob.request('react', { room: 'changes', seq: a1, emoji: '🎉', add: true, clientId: id() }),
  ].map((answer) => answer.seq)
  await until(() => atAlice.changes.length === madeOnOne.length + madeOnTwo.length, "alice hearing bob's changes")
  expect(atAlice.changes.map((c) => c.seq)).toEqual([...madeOnOne, ...madeOnTwo] as number[])
  expect(heldFrom(atAlice.messages, atAlice.changes)).toEqual(heldFrom(atBob.messages, atBob.changes))

  // While Redis is down, alice goes on changing; then her instance dies, and with it any
  // publish it still had queued: what bob missed is only in storage.
  await redis.stop()
  const missed = [
    await alice.request('editMessage', { room: 'changes', seq: a1, message: 'one, edited twice', clientId: id() }),
    await alice.request('react', { room: 'changes', seq: a1, emoji: '🎉', add: false, clientId: id() }),
    await alice.request('react', { room: 'changes', seq: b3, emoji: '❤️', add: true, clientId: id() }),
  ].map((answer) => answer.seq as number)
  const a4 = await send(alice, 'four', b3)
  missed.push(
    (await alice.request('deleteMessage', { room: 'changes', seq: a4, clientId: id() })).seq as number,
    (await alice.request('editMessage', { room: 'changes', seq: a1, message: 'one, final', clientId: id() }))
      .seq as number,
  )
  const lastSeq = (await alice.request('history', { room: 'changes', limit: 1 })).lastSeq
  one.kill('SIGKILL')
  await one.exited
  await using _restarted = await startRedis(redis.port)
  await until(() => seqsOf(atBob.messages, atBob.changes).at(-1) === lastSeq, 'bob catching up', 20_000)
  expect(seqsOf(atBob.messages, atBob.changes)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1))
  // The missed changes came after what bob had, in seq order, with the message between them.
  expect(atBob.changes.slice(-missed.length).map((c) => c.seq)).toEqual(missed)
  expect(atBob.messages.at(-1)?.seq).toBe(a4)

  // alice, back on a new instance, and bob hear each other live again, and all hold the same.
  await using three = await spawnServer({ env: cluster.env })
  const aliceAgain = three.client()
  const atAliceAgain = pushes(aliceAgain)
  const rejoined = await aliceAgain.request('join', { username: 'alice', room: 'changes', token: aliceToken })
  const last = await bob.request('react', { room: 'changes', seq: a1, emoji: '🙌', add: true, clientId: id() })
  await until(() => atAliceAgain.changes.length === 1, "alice hearing bob's change on the new instance")
  await until(() => atBob.changes.at(-1)?.seq === last.seq, 'bob hearing his own change')
  const fromThree = (await aliceAgain.request('history', { room: 'changes', limit: 200 })).messages
  const fromTwo = (await bob.request('history', { room: 'changes', limit: 200 })).messages
  expect(fromTwo).toEqual(fromThree)
  expect(heldFrom(atBob.messages, atBob.changes)).toEqual(fromTwo)
  expect(heldFrom(rejoined.messages, atAliceAgain.changes)).toEqual(fromTwo)
  expect(fromTwo.map((m) => [m.seq, m.message, m.deleted ?? false, m.reactions ?? []])).toEqual([
    [
      a1,
      'one, final',
      false,
      [
        { emoji: '🎉', users: ['bob'] },
        { emoji: '🙌', users: ['bob'] },
      ],
    ],
    [a2, '', true, []],
    [b3, 'three, edited', false, [{ emoji: '❤️', users: ['alice'] }]],
    [a4, '', true, []],
  ])
}, 40_000)
