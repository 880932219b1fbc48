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
import { migrate } from './migrations.ts'
import { openStore } from './open-store.ts'

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
    expect(await sql`SELECT version FROM schema_migrations ORDER BY version`).toEqual([{ version: 1 }, { version: 2 }])
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
})
