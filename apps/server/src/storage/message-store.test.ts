import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SQL } from 'bun'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { temporaryDataDir } from '../../test/start-parley.ts'
import {
  disposableStore,
  newMessage as message,
  messagesIn,
  postgresTestStore,
  sqliteTestStore,
  type TestStore,
} from '../../test/test-stores.ts'
import { MemoryMessageStore } from './memory-store.ts'
import type {
  AppendOutcome,
  ChangeOutcome,
  ChangeRecord,
  LogEntry,
  MessageStore,
  NewChange,
  StoredMessage,
} from './message-store.ts'
import { migrate } from './migrations.ts'
import { openStore } from './open-store.ts'

/** The session hash of alice, who writes the messages these tests change. */
const ALICE = 'alice-session-hash'
let changes = 0

type ChangeExtra = Partial<Pick<NewChange, 'clientId' | 'username' | 'author' | 'timestamp'>>

function changeBase(room: string, target: number, extra: ChangeExtra) {
  changes += 1
  return {
    room,
    target,
    clientId: `change-${changes}`,
    username: 'alice',
    author: ALICE,
    timestamp: 5_000_000 + changes,
    ...extra,
  }
}

/** alice edits message `target` of `room` (no window unless given). */
const edit = (
  room: string,
  target: number,
  body: string,
  extra: ChangeExtra & { windowMs?: number } = {},
): NewChange => ({
  windowMs: 0,
  ...changeBase(room, target, extra),
  kind: 'edit',
  body,
})
/** alice deletes message `target` of `room`. */
const erase = (room: string, target: number, extra: ChangeExtra = {}): NewChange => ({
  ...changeBase(room, target, extra),
  kind: 'delete',
})
/** bob (unless told) reacts to message `target` of `room`. */
const react = (room: string, target: number, emoji: string, add: boolean, extra: ChangeExtra = {}): NewChange => ({
  ...changeBase(room, target, { username: 'bob', author: 'bob-session-hash', ...extra }),
  kind: 'react',
  emoji,
  add,
})

/** alice's message, which her session may change. */
const authored = (room: string, body: string, extra: Parameters<typeof message>[2] = {}) =>
  message(room, body, { author: ALICE, ...extra })

function storedMessage(outcome: AppendOutcome | undefined): StoredMessage {
  if (outcome?.kind !== 'stored') throw new Error(`expected a stored message, got ${JSON.stringify(outcome)}`)
  return outcome.message
}

function madeChange(outcome: ChangeOutcome | undefined): { change: ChangeRecord; message: StoredMessage } {
  if (outcome?.kind !== 'changed') throw new Error(`expected a change, got ${JSON.stringify(outcome)}`)
  return outcome
}

const entrySeq = (entry: LogEntry) => (entry.kind === 'message' ? entry.message.seq : entry.change.seq)

/** Each entry in words: `3 edited 1` is the change at seq 3, an edit of message 1. */
const describeEntry = (entry: LogEntry) =>
  entry.kind === 'message'
    ? `${entry.message.seq} message`
    : `${entry.change.seq} ${entry.change.kind} ${entry.change.target}`

/** The whole log after `after`, `limit` entries at a time, as a client catching up reads it. */
async function pagedLog(store: MessageStore, room: string, limit: number, after = 0): Promise<LogEntry[]> {
  const entries: LogEntry[] = []
  for (let from = after; ; ) {
    const page = await store.after(room, from, limit)
    entries.push(...page)
    const last = page.at(-1)
    if (!last || page.length < limit) return entries
    from = entrySeq(last)
  }
}

/** Every message of a room as it stands now, by seq. */
async function currentMessages(store: MessageStore, room: string): Promise<Map<number, StoredMessage>> {
  return new Map((await store.before(room, undefined, 1_000)).map((m) => [m.seq, m]))
}

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

for (const [name, open] of stores) {
  describe(`${name} store`, () => {
    test('numbers each room from 1 without gaps, in the order appends were made', async () => {
      await using store = await open()
      const outcomes = await Promise.all([
        store.append(message('a', 'a1')),
        store.append(message('b', 'b1')),
        store.append(message('a', 'a2')),
        store.append(message('a', 'a3')),
      ])
      expect(outcomes.map((o) => (o.kind === 'stored' ? `${o.message.room}${o.message.seq}` : o.kind))).toEqual([
        'a1',
        'b1',
        'a2',
        'a3',
      ])
      expect(await store.lastSeq('a')).toBe(3)
      expect(await store.lastSeq('never')).toBe(0)
    })

    test('pages backwards and forwards, oldest first', async () => {
      await using store = await open()
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(message('r', `m${i + 1}`))))
      const bodies = (messages: { body: string }[]) => messages.map((m) => m.body)
      expect(bodies(await store.before('r', undefined, 3))).toEqual(['m8', 'm9', 'm10'])
      expect(bodies(await store.before('r', 8, 3))).toEqual(['m5', 'm6', 'm7'])
      expect(bodies(await store.before('r', 2, 3))).toEqual(['m1'])
      expect(bodies(messagesIn(await store.after('r', 0, 2)))).toEqual(['m1', 'm2'])
      expect(bodies(messagesIn(await store.after('r', 9, 5)))).toEqual(['m10'])
      expect(await store.after('r', 10, 5)).toEqual([])
    })

    test('a resent clientId is stored once; the same id with other text or sender is refused', async () => {
      await using store = await open()
      const first = await store.append(message('r', 'hello', { clientId: 'client-id-1' }))
      const again = await store.append(message('r', 'hello', { clientId: 'client-id-1' }))
      expect(first.kind).toBe('stored')
      expect(again).toEqual({ kind: 'duplicate', message: first.kind === 'stored' ? first.message : never() })
      expect((await store.append(message('r', 'changed', { clientId: 'client-id-1' }))).kind).toBe('conflict')
      expect((await store.append(message('r', 'hello', { clientId: 'client-id-1', username: 'mallory' }))).kind).toBe(
        'conflict',
      )
      expect((await store.append(message('other', 'hello', { clientId: 'client-id-1' }))).kind).toBe('stored')
      expect(await store.lastSeq('r')).toBe(1)
    })

    test('duplicates inside one batch are stored once', async () => {
      await using store = await open()
      const [a, b] = await Promise.all([
        store.append(message('r', 'twice', { clientId: 'same-id-123' })),
        store.append(message('r', 'twice', { clientId: 'same-id-123' })),
      ])
      expect(a?.kind).toBe('stored')
      expect(b?.kind).toBe('duplicate')
      expect(await store.lastSeq('r')).toBe(1)
    })

    test('changes take the next seqs after messages, without gaps, and pages show each message as it stands', async () => {
      await using store = await open()
      storedMessage(await store.append(authored('r', 'one')))
      storedMessage(await store.append(authored('r', 'two')))
      const edited = madeChange(await store.change(edit('r', 1, 'one, edited')))
      const reacted = madeChange(await store.change(react('r', 2, '👍', true)))
      const deleted = madeChange(await store.change(erase('r', 2)))
      const reply = storedMessage(await store.append(authored('r', 'three', { replyTo: 1 })))
      expect([edited.change.seq, reacted.change.seq, deleted.change.seq, reply.seq]).toEqual([3, 4, 5, 6])
      expect(edited.message).toMatchObject({ seq: 1, body: 'one, edited', rev: 3, editedAt: edited.change.timestamp })
      expect(reacted.message).toMatchObject({ seq: 2, rev: 4, reactions: [{ emoji: '👍', users: ['bob'] }] })
      expect(deleted.message).toMatchObject({ seq: 2, body: '', rev: 5, reactions: [] })
      expect(deleted.message.deletedAt).toBe(deleted.change.timestamp)
      expect(reply.quote).toEqual({ seq: 1, username: 'alice', body: 'one, edited', deleted: false })
      expect(await store.lastSeq('r')).toBe(6)
      // Another room's log is its own.
      expect(storedMessage(await store.append(authored('elsewhere', 'first'))).seq).toBe(1)

      const log = await store.after('r', 0, 100)
      expect(log.map(describeEntry)).toEqual([
        '1 message',
        '2 message',
        '3 edited 1',
        '4 reacted 2',
        '5 deleted 2',
        '6 message',
      ])
      const now = await currentMessages(store, 'r')
      expect([...now.values()].map((m) => [m.seq, m.body, m.rev, m.deletedAt !== undefined, m.reactions])).toEqual([
        [1, 'one, edited', 3, false, []],
        [2, '', 5, true, []],
        [6, 'three', undefined, false, []],
      ])
      // Every entry of the after-page, message or change, carries its message as it stands now.
      for (const entry of log) {
        if (entry.kind === 'room') throw new Error('no change to the room was made')
        expect(entry.message).toEqual(now.get(entry.message.seq) as StoredMessage)
      }
    })

    test('after-pages of any size merge messages and changes: every seq once, in order', async () => {
      await using store = await open()
      for (let i = 1; i <= 5; i++) storedMessage(await store.append(authored('r', `m${i}`)))
      madeChange(await store.change(edit('r', 1, 'm1 again'))) // 6
      madeChange(await store.change(react('r', 3, '🎉', true))) // 7
      storedMessage(await store.append(authored('r', 'm8'))) // 8
      madeChange(await store.change(react('r', 3, '🎉', true, { username: 'carol', author: 'c' }))) // 9
      madeChange(await store.change(edit('r', 1, 'm1 third'))) // 10
      madeChange(await store.change(react('r', 3, '🎉', false))) // 11
      madeChange(await store.change(erase('r', 2))) // 12
      storedMessage(await store.append(authored('r', 'm13', { replyTo: 3 }))) // 13
      madeChange(await store.change(edit('r', 8, 'm8 fixed'))) // 14
      const now = await currentMessages(store, 'r')
      for (const limit of [1, 2, 3, 4, 7, 200]) {
        const log = await pagedLog(store, 'r', limit)
        expect(log.map(entrySeq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1))
        for (const entry of log) {
          if (entry.kind === 'room') throw new Error('no change to the room was made')
          expect(entry.message).toEqual(now.get(entry.message.seq) as StoredMessage)
        }
      }
      expect((await pagedLog(store, 'r', 3, 9)).map(describeEntry)).toEqual([
        '10 edited 1',
        '11 unreacted 3',
        '12 deleted 2',
        '13 message',
        '14 edited 8',
      ])
      expect(now.get(3)?.reactions).toEqual([{ emoji: '🎉', users: ['carol'] }])
      expect(now.get(13)?.quote).toEqual({ seq: 3, username: 'alice', body: 'm3', deleted: false })
    })

    test('changes in the same batch as the message they change', async () => {
      await using store = await open()
      const outcomes = await Promise.all([
        store.append(authored('r', 'fresh')),
        store.change(edit('r', 1, 'fresh, edited')),
        store.change(react('r', 1, '🎉', true)),
        store.append(authored('r', 'a reply', { replyTo: 1 })),
        store.change(erase('r', 1)),
        store.change(edit('r', 4, 'a reply, edited')),
      ])
      expect(
        outcomes.map((o) => (o.kind === 'stored' ? o.message.seq : o.kind === 'changed' ? o.change.seq : o)),
      ).toEqual([1, 2, 3, 4, 5, 6])
      const now = await currentMessages(store, 'r')
      expect(now.get(1)).toMatchObject({ body: '', rev: 5, reactions: [] })
      expect(now.get(1)?.deletedAt).toBeNumber()
      expect(now.get(4)).toMatchObject({
        body: 'a reply, edited',
        rev: 6,
        quote: { seq: 1, username: 'alice', body: '', deleted: true },
      })
      expect((await store.after('r', 0, 10)).map(describeEntry)).toEqual([
        '1 message',
        '2 edited 1',
        '3 reacted 1',
        '4 message',
        '5 deleted 1',
        '6 edited 4',
      ])
    })

    test('reactions toggled several times in one batch end as the last toggle left them', async () => {
      await using store = await open()
      storedMessage(await store.append(authored('r', 'toggle me')))
      const outcomes = await Promise.all([
        store.change(react('r', 1, '👍', true)),
        store.change(react('r', 1, '👍', false)),
        store.change(react('r', 1, '👍', true)),
        store.change(react('r', 1, '❤️', true, { username: 'carol', author: 'c' })),
        store.change(react('r', 1, '👍', false)),
        store.change(react('r', 1, '🎉', true)),
      ])
      expect(outcomes.map((o) => (o.kind === 'changed' ? o.change.seq : o))).toEqual([2, 3, 4, 5, 6, 7])
      const expected = [
        { emoji: '❤️', users: ['carol'] },
        { emoji: '🎉', users: ['bob'] },
      ]
      expect(madeChange(outcomes[5]).message.reactions).toEqual(expected)
      expect((await currentMessages(store, 'r')).get(1)?.reactions).toEqual(expected)
      // The next batch sees them so too: taking back 👍 changes nothing, 🎉 goes.
      expect((await store.change(react('r', 1, '👍', false))).kind).toBe('unchanged')
      expect(madeChange(await store.change(react('r', 1, '🎉', false))).message.reactions).toEqual(expected.slice(0, 1))
    })

    test('refusals: another session, after the window, no such message, a deleted one; none takes a seq', async () => {
      await using store = await open()
      const sent = storedMessage(await store.append(authored('r', 'mine')))
      const refusal = async (change: NewChange) => {
        const outcome = await store.change(change)
        return outcome.kind === 'refused' ? outcome.reason : `not refused: ${outcome.kind}`
      }
      expect(await refusal(edit('r', 1, 'forged', { author: 'mallory-session' }))).toBe(
        'You can only edit your own messages',
      )
      expect(await refusal(edit('r', 1, 'forged', { author: undefined }))).toBe('You can only edit your own messages')
      // The same name is not enough: only the session that sent it.
      expect(await refusal(erase('r', 1, { author: 'another-alice-session' }))).toBe(
        'You can only delete your own messages',
      )
      const window = { windowMs: 1_000 }
      expect(await refusal(edit('r', 1, 'too late', { ...window, timestamp: sent.timestamp + 1_001 }))).toBe(
        'Messages can be edited for 1 second after sending',
      )
      expect(await refusal(edit('r', 1, 'too late', { windowMs: 900_000, timestamp: sent.timestamp + 900_001 }))).toBe(
        'Messages can be edited for 15 minutes after sending',
      )
      expect(await refusal(edit('r', 9, 'nothing there'))).toBe('"r" has no message 9')
      expect(await refusal(react('r', 9, '👍', true))).toBe('"r" has no message 9')
      expect(await refusal(erase('elsewhere', 1))).toBe('"elsewhere" has no message 1')
      expect(await store.lastSeq('r')).toBe(1)

      // Just inside the window, an edit is made.
      expect(
        madeChange(await store.change(edit('r', 1, 'in time', { ...window, timestamp: sent.timestamp + 1_000 }))).change
          .seq,
      ).toBe(2)
      expect((await store.change(edit('r', 1, 'in time'))).kind).toBe('unchanged')
      expect((await store.change(react('r', 1, '👍', false))).kind).toBe('unchanged')
      madeChange(await store.change(erase('r', 1)))
      expect(await refusal(edit('r', 1, 'back from the dead'))).toBe('That message was deleted')
      expect(await refusal(react('r', 1, '👍', true))).toBe('That message was deleted')
      expect(await refusal(edit('r', 1, 'forged', { author: 'mallory-session' }))).toBe(
        'You can only edit your own messages',
      )
      expect((await store.change(erase('r', 1))).kind).toBe('unchanged')
      expect(storedMessage(await store.append(authored('r', 'to a ghost')))).toBeDefined()
      const toDeleted = await store.append(authored('r', 'reply', { replyTo: 1 }))
      expect(toDeleted).toEqual({ kind: 'refused', reason: 'Cannot reply: that message was deleted' })
      expect(await store.lastSeq('r')).toBe(4)
      expect((await currentMessages(store, 'r')).get(1)).toMatchObject({ body: '', rev: 3 })
    })

    test('a change resent under its clientId is made once, across batches and within one', async () => {
      await using store = await open()
      storedMessage(await store.append(authored('r', 'once')))
      const first = edit('r', 1, 'edited once', { clientId: 'edit-id-1' })
      const made = madeChange(await store.change(first))
      const again = await store.change({ ...first, timestamp: first.timestamp + 5 })
      expect(again).toEqual({ kind: 'duplicate', change: made.change, message: made.message })
      const [a, b] = await Promise.all([
        store.change(react('r', 1, '👍', true, { clientId: 'react-id-1' })),
        store.change(react('r', 1, '👍', true, { clientId: 'react-id-1' })),
      ])
      expect(a?.kind).toBe('changed')
      expect(b?.kind).toBe('duplicate')
      // Resent after later changes, it answers with the message as it stands now.
      madeChange(await store.change(edit('r', 1, 'edited twice')))
      const late = await store.change(first)
      expect(late).toMatchObject({ kind: 'duplicate', change: made.change, message: { body: 'edited twice', rev: 4 } })
      expect((await store.change(erase('r', 1, { clientId: 'edit-id-1' }))).kind).toBe('refused')
      expect(await store.lastSeq('r')).toBe(4)
      // The same id in another room is another change.
      storedMessage(await store.append(authored('s', 'other room')))
      expect(madeChange(await store.change(edit('s', 1, 'edited there', { clientId: 'edit-id-1' }))).change.seq).toBe(2)
      expect((await store.after('r', 0, 10)).map(describeEntry)).toEqual([
        '1 message',
        '2 edited 1',
        '3 reacted 1',
        '4 edited 1',
      ])
    })
  })
}

function never(): never {
  throw new Error('unreachable')
}

describe('SQLite file', () => {
  test('keeps history across reopening, and migrates once', async () => {
    using data = temporaryDataDir()
    const first = await openStore({ dataDir: data.dataDir })
    await Promise.all([first.append(message('r', 'one')), first.append(message('r', 'two'))])
    await first.close()

    await using second = disposableStore(await openStore({ dataDir: data.dataDir }))
    expect((await second.before('r', undefined, 10)).map((m) => m.body)).toEqual(['one', 'two'])
    expect((await second.append(message('r', 'three'))).kind).toBe('stored')
    expect(await second.lastSeq('r')).toBe(3)

    const sql = new SQL({ adapter: 'sqlite', filename: join(data.dataDir, 'parley.db') })
    expect(await migrate(sql, 'sqlite')).toEqual([])
    expect(await sql`SELECT version FROM schema_migrations ORDER BY version`).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
      { version: 5 },
      { version: 6 },
      { version: 7 },
    ])
    await sql.close()
  })

  test('appends made at once beyond one batch keep every seq in order', async () => {
    await using store = await sqliteTestStore()
    const outcomes = await Promise.all(Array.from({ length: 2_500 }, (_, i) => store.append(message('bulk', `m${i}`))))
    const seqs = outcomes.map((o) => (o.kind === 'stored' ? o.message.seq : 0))
    expect(seqs).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 1))
  })
})

describe('PostgreSQL shared by several instances', () => {
  test('two writers to one room never share or skip a seq', async () => {
    await using schema = await temporaryPostgresSchema()
    await using a = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    await using b = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    const rounds = Array.from({ length: 20 }, (_, round) =>
      Promise.all([
        ...Array.from({ length: 10 }, (_, i) => a.append(message('shared', `a${round}-${i}`))),
        ...Array.from({ length: 10 }, (_, i) => b.append(message('shared', `b${round}-${i}`))),
      ]),
    )
    const outcomes = (await Promise.all(rounds)).flat()
    const seqs = outcomes.map((o) => (o.kind === 'stored' ? o.message.seq : 0)).sort((x, y) => x - y)
    expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1))
    expect(messagesIn(await a.after('shared', 0, 500)).map((m) => m.seq)).toEqual(seqs)
  })
  test('two writers making changes to the same messages at once never share or skip a seq', async () => {
    await using schema = await temporaryPostgresSchema()
    await using a = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    await using b = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    for (const room of ['x', 'y']) {
      for (let i = 1; i <= 4; i++) storedMessage(await a.append(authored(room, `${room}${i}`)))
    }
    // Each writer reacts under its own names, edits, and sends, in both rooms, in opposite orders.
    const writes = (store: MessageStore, who: string, rooms: string[], round: number) =>
      rooms.flatMap((room) => [
        store.change(react(room, 1 + (round % 4), '👍', true, { username: `${who}${round}`, author: who })),
        store.change(edit(room, 1 + ((round + 1) % 4), `${who} edit ${round}`)),
        store.append(authored(room, `${who} message ${round}`)),
        store.change(react(room, 2, '🎉', round % 2 === 0, { username: who, author: who })),
      ])
    const rounds = Array.from({ length: 15 }, (_, round) =>
      Promise.all([...writes(a, 'a', ['x', 'y'], round), ...writes(b, 'b', ['y', 'x'], round)]),
    )
    const outcomes = (await Promise.all(rounds)).flat()
    expect(outcomes.filter((o) => o.kind === 'refused')).toEqual([])
    for (const room of ['x', 'y']) {
      const log = await pagedLog(a, room, 50)
      const lastSeq = await b.lastSeq(room)
      expect(log.map(entrySeq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1))
      // Every change is in the log once, at the seq its writer was told.
      const told = outcomes.flatMap((o) => (o.kind === 'changed' && o.change.room === room ? [o.change.seq] : []))
      const logged = log.flatMap((entry) => (entry.kind === 'change' ? [entry.change.seq] : []))
      expect(logged).toEqual(told.toSorted((p, q) => p - q))
      // 30 👍 by 30 names, spread over messages 1 to 4; both writers see the same state.
      const now = await currentMessages(b, room)
      const thumbs = [...now.values()].flatMap((m) =>
        m.reactions.filter((r) => r.emoji === '👍').flatMap((r) => r.users),
      )
      expect(thumbs.length).toBe(30)
      expect(await currentMessages(a, room)).toEqual(now)
    }
  })
})
