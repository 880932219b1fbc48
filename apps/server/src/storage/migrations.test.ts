import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SQL } from 'bun'
import { temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { temporaryDataDir } from '../../test/start-parley.ts'
import { disposableStore, messagesIn, newMessage } from '../../test/test-stores.ts'
import { until } from '../../test/until.ts'
import { parseSearch } from '../search/search-query.ts'
import type { MessageStore, NewChange } from './message-store.ts'
import { type Dialect, migrate } from './migrations.ts'
import { openStore } from './open-store.ts'

/** Messages as the first release stored them: no author, no replies, never changed. */
const oldMessages = [
  {
    seq: 1,
    message_id: 'old-1',
    client_id: 'old-client-1',
    username: 'alice',
    body: 'hello from v1',
    created_at: 1_000,
  },
  { seq: 2, message_id: 'old-2', client_id: null, username: 'bob', body: 'line one\nline two', created_at: 2_000 },
  { seq: 3, message_id: 'old-3', client_id: 'old-client-3', username: 'alice', body: 'ünïcödé 🎉', created_at: 3_000 },
]

/** Writes the first release's schema and rows, as that release did, and nothing of later migrations. */
async function firstReleaseDatabase(sql: SQL, dialect: Dialect): Promise<void> {
  expect(await migrate(sql, dialect, 1)).toEqual([1])
  for (const m of oldMessages) {
    await sql`INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at)
              VALUES ('old', ${m.seq}, ${m.message_id}, ${m.client_id}, ${m.username}, ${m.body}, ${m.created_at})`
  }
  await sql`INSERT INTO rooms (name, last_seq) VALUES ('old', 3)`
  await sql.close()
}

/** What the store must show of the old rows after migrating: exactly what was stored. */
const asStored = oldMessages.map((m) => ({
  room: 'old',
  seq: m.seq,
  messageId: m.message_id,
  clientId: m.client_id ?? undefined,
  username: m.username,
  body: m.body,
  timestamp: m.created_at,
  reactions: [],
}))

const attempt = (kind: 'edit' | 'delete', target: number, author: string | undefined): NewChange => {
  const common = { room: 'old', target, clientId: `${kind}-${target}-${author}`, username: 'alice', author }
  return kind === 'edit'
    ? { ...common, timestamp: Date.now(), kind, body: 'rewritten', windowMs: 0 }
    : { ...common, timestamp: Date.now(), kind }
}

async function expectOldDataKept(store: MessageStore): Promise<void> {
  expect(await store.before('old', undefined, 10)).toEqual(asStored)
  expect(messagesIn(await store.after('old', 0, 10))).toEqual(asStored)
  expect(await store.lastSeq('old')).toBe(3)

  // Nobody holds the session that sent an old message: not a name's new session, nor none.
  for (const author of [undefined, 'alice-new-session']) {
    for (const kind of ['edit', 'delete'] as const) {
      expect(await store.change(attempt(kind, 1, author))).toEqual({
        kind: 'refused',
        reason: `You can only ${kind} your own messages`,
      })
    }
  }
  // Anyone may react to them and answer them; the log goes on from the old last seq.
  const reacted = await store.change({
    room: 'old',
    target: 2,
    clientId: 'react-old-2',
    username: 'carol',
    author: 'carol-session',
    timestamp: Date.now(),
    kind: 'react',
    emoji: '👍',
    add: true,
  })
  expect(reacted).toMatchObject({
    kind: 'changed',
    change: { seq: 4 },
    message: { seq: 2, body: 'line one\nline two' },
  })
  const reply = await store.append(newMessage('old', 'a reply', { replyTo: 1, author: 'alice-new-session' }))
  expect(reply).toMatchObject({ kind: 'stored', message: { seq: 5, quote: { seq: 1, body: 'hello from v1' } } })
  // A clientId stored by the first release still recognises a resend.
  const resent = await store.append(newMessage('old', 'hello from v1', { clientId: 'old-client-1' }))
  expect(resent).toMatchObject({ kind: 'duplicate', message: { seq: 1, messageId: 'old-1' } })
  expect(await store.lastSeq('old')).toBe(5)
  expect((await store.before('old', 4, 10)).map((m) => ({ ...m, reactions: [] }))).toEqual(
    asStored.map((m) => (m.seq === 2 ? { ...m, rev: 4 } : m)),
  )
  // Messages stored before search existed are found too (SQLite indexes them from the start of each log).
  const query = parseSearch('unicode')
  if (!query.ok) throw new Error(query.problem)
  await until(async () => {
    const page = await store.search?.({ query: query.query, order: 'newest', limit: 5 })
    return page?.hits.map((hit) => hit.seq).join() === '3'
  }, 'the old messages to be indexed')
}

describe('a database the first release left (schema version 1)', () => {
  test('SQLite: opening it migrates it and keeps every message as it was', async () => {
    using data = temporaryDataDir()
    const file = join(data.dataDir, 'parley.db')
    await firstReleaseDatabase(new SQL({ adapter: 'sqlite', filename: file }), 'sqlite')
    await using store = disposableStore(await openStore({ dataDir: data.dataDir }))
    await expectOldDataKept(store)
    const sql = new SQL({ adapter: 'sqlite', filename: file })
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

  test('PostgreSQL: opening it migrates it and keeps every message as it was', async () => {
    await using schema = await temporaryPostgresSchema()
    await firstReleaseDatabase(new SQL(schema.url), 'postgres')
    await using store = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    await expectOldDataKept(store)
  })
})

/** A database as the release with files left it (schema version 4): one room with two messages. */
async function filesReleaseDatabase(sql: SQL, dialect: Dialect): Promise<void> {
  expect(await migrate(sql, dialect, 4)).toEqual([1, 2, 3, 4])
  await sql`INSERT INTO messages (room, seq, message_id, client_id, username, body, created_at, author)
            VALUES ('older', 1, 'v4-1', null, 'alice', 'before owners', 1000, 'alice-session'),
                   ('older', 2, 'v4-2', 'v4-client-2', 'bob', 'still here', 2000, 'bob-session')`
  await sql`INSERT INTO rooms (name, last_seq) VALUES ('older', 2)`
  await sql.close()
}

/** Rooms from before owners keep their log and have the default rules, without an owner, until the operator names one. */
async function expectRoomsWithoutOwners(store: MessageStore): Promise<void> {
  expect((await store.before('older', undefined, 10)).map((m) => [m.seq, m.username, m.body])).toEqual([
    [1, 'alice', 'before owners'],
    [2, 'bob', 'still here'],
  ])
  const rules = { moderators: [], private: false, topic: '', slowModeSeconds: 0, mutes: [], bans: [], members: [] }
  expect(await store.roomRules('older')).toEqual(rules)
  expect(await store.roomRules('never-made')).toBeUndefined()
  const base = { room: 'older', username: 'alice', author: 'alice-session', timestamp: 3_000, operator: false }
  // Its first sender does not become its owner by asking to create it.
  expect(await store.roomChange({ ...base, clientId: 'c1', action: { kind: 'create', private: false } })).toEqual({
    kind: 'unchanged',
    rules,
  })
  expect(await store.roomChange({ ...base, clientId: 'c2', action: { kind: 'topic', topic: 'mine' } })).toEqual({
    kind: 'refused',
    reason: "Only the room's owner and moderators can do that",
  })
  const handed = await store.roomChange({
    ...base,
    username: 'operator',
    author: undefined,
    operator: true,
    clientId: 'c3',
    action: { kind: 'owner', target: { name: 'alice', author: 'alice-session' } },
  })
  expect(handed).toMatchObject({ kind: 'changed', change: { seq: 3, kind: 'owner', target: 'alice' } })
  expect((await store.roomRules('older'))?.owner).toEqual({ name: 'alice', author: 'alice-session' })
}

describe('a database from before room rules (schema version 4)', () => {
  test('SQLite: its rooms keep their messages and have rules without an owner', async () => {
    using data = temporaryDataDir()
    await filesReleaseDatabase(new SQL({ adapter: 'sqlite', filename: join(data.dataDir, 'parley.db') }), 'sqlite')
    await using store = disposableStore(await openStore({ dataDir: data.dataDir }))
    await expectRoomsWithoutOwners(store)
  })

  test('PostgreSQL: its rooms keep their messages and have rules without an owner', async () => {
    await using schema = await temporaryPostgresSchema()
    await filesReleaseDatabase(new SQL(schema.url), 'postgres')
    await using store = disposableStore(await openStore({ dataDir: '', databaseUrl: schema.url }))
    await expectRoomsWithoutOwners(store)
  })
})
