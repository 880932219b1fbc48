import { Database } from 'bun:sqlite'
import { describe, expect, test } from 'bun:test'
import { SQL } from 'bun'
import { POSTGRES_URL } from '../../test/postgres-schema.ts'
import { messagesIn, newMessage, postgresTestStore, sqliteTestStore, type TestStore } from '../../test/test-stores.ts'
import { until } from '../../test/until.ts'
import { writeProtect } from '../../test/write-protect.ts'
import { migrate } from './migrations.ts'

/** How an append ended: its seq, or the error's words. */
async function appended(store: TestStore, body: string): Promise<number | string> {
  return store.append(newMessage('r', body)).then(
    (outcome) => (outcome.kind === 'stored' ? outcome.message.seq : outcome.kind),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  )
}

const bodies = async (store: TestStore) => messagesIn(await store.after('r', 0, 100)).map((m) => `${m.seq}:${m.body}`)

describe('SQLite', () => {
  test('a write-protected WAL refuses appends with an I/O error; lifted, the probe clears it and seqs go on', async () => {
    await using store = await sqliteTestStore()
    expect(await appended(store, 'before')).toBe(1)
    expect(store.problem?.()).toBeUndefined()

    using wal = writeProtect(`${store.file}-wal`)
    expect(await appended(store, 'refused')).toBe('disk I/O error')
    expect(store.problem?.()).toBe('Messages cannot be stored: disk I/O error')
    // Reading goes on meanwhile, and the refused message took no place.
    expect(await bodies(store)).toEqual(['1:before'])
    expect(await store.lastSeq('r')).toBe(1)

    wal.lift()
    // Nothing is sent: the probe alone finds the disk writable again.
    await until(() => store.problem?.() === undefined, 'the probe clearing the problem')
    expect(await appended(store, 'after')).toBe(2)
    expect(await bodies(store)).toEqual(['1:before', '2:after'])
  })

  test('a database another connection holds locked (a backup, a shell) refuses appends once the busy timeout runs out', async () => {
    await using store = await sqliteTestStore()
    expect(await appended(store, 'before')).toBe(1)

    const other = new Database(store.file)
    other.run('BEGIN EXCLUSIVE')
    const started = performance.now()
    expect(await appended(store, 'refused')).toBe('database is locked')
    expect(performance.now() - started).toBeGreaterThan(4_000)
    expect(store.problem?.()).toBe('Messages cannot be stored: database is locked')

    other.run('ROLLBACK')
    other.close()
    await until(() => store.problem?.() === undefined, 'the probe clearing the problem')
    expect(await appended(store, 'after')).toBe(2)
    expect(await bodies(store)).toEqual(['1:before', '2:after'])
  }, 20_000)
})

describe('PostgreSQL', () => {
  test('a dropped schema refuses appends; restored by the migrations, the probe clears it', async () => {
    await using store = await postgresTestStore()
    expect(await appended(store, 'before')).toBe(1)

    await using admin = new SQL(POSTGRES_URL)
    await admin.unsafe(`DROP SCHEMA ${store.schema} CASCADE`)
    expect(await appended(store, 'refused')).toBe('relation "rooms" does not exist')
    expect(store.problem?.()).toBe('Messages cannot be stored: relation "rooms" does not exist')

    // The operator's part: the schema back, its tables made by the migrations an instance runs at start.
    await admin.unsafe(`CREATE SCHEMA ${store.schema}`)
    await using migrator = new SQL(`${POSTGRES_URL}?search_path=${store.schema}`)
    expect(await migrate(migrator, 'postgres')).toEqual([1, 2, 3, 4, 5, 6, 7])
    await until(() => store.problem?.() === undefined, 'the probe clearing the problem')
    // The history went with the schema: the room starts again from 1.
    expect(await appended(store, 'after')).toBe(1)
    expect(await bodies(store)).toEqual(['1:after'])
  })
})
