import { describe, expect, test } from 'bun:test'
import { disposableStore, postgresTestStore, sqliteTestStore, type TestStore } from '../../test/test-stores.ts'
import { MemoryMessageStore } from './memory-store.ts'
import { openStore } from './open-store.ts'

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

for (const [name, open] of stores) {
  describe(`${name} read marks`, () => {
    test('a session that never read a room has read nothing, and is told of mentions', async () => {
      await using store = await open()
      expect(await store.readMarks.get('author-a', 'lobby')).toEqual({ seq: 0, notify: 'mentions' })
    })

    test('the position only moves forward', async () => {
      await using store = await open()
      expect(await store.readMarks.markRead('author-a', 'lobby', 5)).toEqual({ seq: 5, notify: 'mentions' })
      expect(await store.readMarks.markRead('author-a', 'lobby', 3)).toEqual({ seq: 5, notify: 'mentions' })
      expect(await store.readMarks.markRead('author-a', 'lobby', 8)).toEqual({ seq: 8, notify: 'mentions' })
      expect(await store.readMarks.get('author-a', 'lobby')).toEqual({ seq: 8, notify: 'mentions' })
    })

    test('marks made at once all land, the furthest winning', async () => {
      await using store = await open()
      await Promise.all([7, 2, 9, 4].map((seq) => store.readMarks.markRead('author-a', 'lobby', seq)))
      expect((await store.readMarks.get('author-a', 'lobby')).seq).toBe(9)
    })

    test('the level is kept beside the position, and neither moves the other', async () => {
      await using store = await open()
      expect(await store.readMarks.setNotify('author-a', 'lobby', 'nothing')).toEqual({ seq: 0, notify: 'nothing' })
      await store.readMarks.markRead('author-a', 'lobby', 4)
      expect(await store.readMarks.setNotify('author-a', 'lobby', 'all')).toEqual({ seq: 4, notify: 'all' })
    })

    test('each session and each room has its own mark', async () => {
      await using store = await open()
      await store.readMarks.markRead('author-a', 'lobby', 6)
      await store.readMarks.setNotify('author-a', 'lobby', 'all')
      expect(await store.readMarks.get('author-b', 'lobby')).toEqual({ seq: 0, notify: 'mentions' })
      expect(await store.readMarks.get('author-a', 'other')).toEqual({ seq: 0, notify: 'mentions' })
    })
  })
}

test('SQLite keeps the marks across a restart', async () => {
  await using first = await sqliteTestStore()
  await first.readMarks.markRead('author-a', 'lobby', 3)
  await first.readMarks.setNotify('author-a', 'lobby', 'all')
  await first.close()
  const again = await openStore({ dataDir: '', databaseUrl: `sqlite://${first.file}` })
  try {
    expect(await again.readMarks.get('author-a', 'lobby')).toEqual({ seq: 3, notify: 'all' })
  } finally {
    await again.close()
  }
})
