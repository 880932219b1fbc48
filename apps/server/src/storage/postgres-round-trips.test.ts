import { expect, test } from 'bun:test'
import { SQL } from 'bun'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { postgresWireCounter } from '../../test/postgres-wire-counter.ts'
import { disposableStore, messagesIn, newMessage } from '../../test/test-stores.ts'
import type { AppendOutcome, MessageStore, NewChange, NewMessage } from './message-store.ts'
import { migrate } from './migrations.ts'
import { openStore } from './open-store.ts'
import { PostgresMessageStore } from './postgres-store.ts'

const seqOf = (outcome: AppendOutcome) => (outcome.kind === 'stored' ? outcome.message.seq : 0)

const rooms = Array.from({ length: 8 }, (_, r) => `room-${r}`)

/** Appends made in one turn: one batch. */
const appendAll = (store: MessageStore, count: number, extra: (i: number) => Partial<NewMessage> = () => ({})) =>
  Promise.all(
    Array.from({ length: count }, (_, i) =>
      store.append(newMessage(rooms[i % rooms.length] as string, `m${i}`, extra(i))),
    ),
  )

async function countedStore() {
  const stack = new AsyncDisposableStack()
  const schema = stack.use(await temporaryPostgresSchema())
  const wire = stack.use(await postgresWireCounter(schema.url))
  // One connection, so that a statement prepared once stays prepared (Bun prepares once per connection).
  const sql = new SQL({ url: wire.url, max: 1 })
  await migrate(sql, 'postgres')
  const store = stack.use(disposableStore(new PostgresMessageStore(sql)))
  await store.append(newMessage('warm-up', 'hello'))
  wire.reset()
  return { store, wire, [Symbol.asyncDispose]: () => stack.disposeAsync() }
}

test('a batch of new messages across rooms is one statement, one round trip, each room numbered in order', async () => {
  await using counted = await countedStore()
  const outcomes = await appendAll(counted.store, 400)
  expect(counted.wire.counts()).toEqual({ statements: 1, roundTrips: 1 })
  for (const [r, room] of rooms.entries()) {
    const inRoom = outcomes.filter((_, i) => i % rooms.length === r).map(seqOf)
    expect(inRoom).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    const stored = messagesIn(await counted.store.after(room, 0, 100))
    expect(stored.map((m) => `${m.seq}:${m.body}`)).toEqual(inRoom.map((seq, i) => `${seq}:m${i * rooms.length + r}`))
  }
})

test('new messages with client ids are one round trip; one sent again is answered from the log', async () => {
  await using counted = await countedStore()
  const sent = await appendAll(counted.store, 40, (i) => ({ clientId: `c${i}` }))
  expect(counted.wire.counts()).toEqual({ statements: 1, roundTrips: 1 })
  expect(sent.map((o) => o.kind)).toEqual(sent.map(() => 'stored'))
  const again = await counted.store.append(newMessage('room-0', 'm0', { clientId: 'c0' }))
  expect(again).toEqual({ kind: 'duplicate', message: (sent[0] as { message: unknown }).message } as AppendOutcome)
  expect(await counted.store.lastSeq('room-0')).toBe(5)
})

test('a batch of changes locks its rooms in one statement, reads every room at once and sends its writes together', async () => {
  await using counted = await countedStore()
  const stored = await appendAll(counted.store, 8, () => ({ author: 'alice-session' }))
  const edits = (round: number) =>
    stored.map(
      (outcome, i): NewChange => ({
        room: rooms[i] as string,
        target: seqOf(outcome),
        username: 'alice',
        author: 'alice-session',
        clientId: `edit-${round}-${i}`,
        timestamp: 2_000_000,
        kind: 'edit',
        body: `edit ${round} of ${i}`,
        windowMs: 0,
      }),
    )
  // The first batch also prepares each statement on the connection it gets.
  await Promise.all(edits(1).map((change) => counted.store.change(change)))
  counted.wire.reset()
  const outcomes = await Promise.all(edits(2).map((change) => counted.store.change(change)))
  expect(outcomes.map((o) => o.kind)).toEqual(rooms.map(() => 'changed'))
  // BEGIN; the lock; earlier changes under these ids; the messages and their reactions; the writes;
  // COMMIT: 6 on a quiet machine (a busy one may see a pipeline leave in two writes). Room by room, it was 28.
  expect(counted.wire.counts().roundTrips).toBeLessThan(10)
})

test('writers appending and changing the same rooms in opposite orders never deadlock, share or skip a seq', async () => {
  await using schema = await temporaryPostgresSchema()
  await using a = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
  await using b = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
  const pair = ['Zeta', 'alpha']
  for (const room of pair) await a.append(newMessage(room, 'first', { author: 'alice-session' }))
  const react = (room: string, round: number): NewChange => ({
    room,
    target: 1,
    username: `b${round}`,
    author: `b${round}-session`,
    clientId: `${room}-react-${round}`,
    timestamp: 3_000 + round,
    kind: 'react',
    emoji: '👍',
    add: true,
  })
  const rounds = Array.from({ length: 20 }, (_, round) =>
    Promise.all([
      // a: new messages only (one statement); b: changes and messages, rooms the other way round.
      ...pair.flatMap((room) => [a.append(newMessage(room, `a${round}`)), a.append(newMessage(room, `a${round}'`))]),
      ...pair.toReversed().flatMap((room) => [b.change(react(room, round)), b.append(newMessage(room, `b${round}`))]),
    ]),
  )
  const outcomes = (await Promise.all(rounds)).flat()
  expect(outcomes.filter((o) => o.kind === 'refused')).toEqual([])
  for (const room of pair) {
    const log = await a.after(room, 0, 200)
    const seqs = log.map((entry) => (entry.kind === 'message' ? entry.message.seq : entry.change.seq))
    expect(seqs).toEqual(Array.from({ length: 1 + 20 * 4 }, (_, i) => i + 1))
  }
})
