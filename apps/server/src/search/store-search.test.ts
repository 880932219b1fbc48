import { describe, expect, test } from 'bun:test'
import {
  disposableStore,
  newMessage,
  postgresTestStore,
  sqliteTestStore,
  type TestStore,
} from '../../test/test-stores.ts'
import { until } from '../../test/until.ts'
import { MemoryMessageStore } from '../storage/memory-store.ts'
import type { MessageStore, NewChange, SearchRequest } from '../storage/message-store.ts'
import { SearchCursorError } from './search-cursor.ts'
import { parseSearch } from './search-query.ts'

const stores: [string, () => Promise<TestStore>][] = [
  ['SQLite', sqliteTestStore],
  ['PostgreSQL', postgresTestStore],
  ['memory', async () => disposableStore(new MemoryMessageStore())],
]

/** Every match of `text`, page by page, as `room#seq`. */
async function found(store: MessageStore, text: string, order: SearchRequest['order'] = 'newest', limit = 50) {
  const parsed = parseSearch(text)
  if (!parsed.ok) throw new Error(parsed.problem)
  const seen: string[] = []
  let cursor: string | undefined
  do {
    const page = await store.search?.({ query: parsed.query, order, limit, ...(cursor ? { cursor } : {}) })
    if (!page) throw new Error('search is off')
    seen.push(...page.hits.map((hit) => `${hit.room}#${hit.seq}`))
    cursor = page.nextCursor
  } while (cursor)
  return seen
}

/** Waits until `text` finds exactly `expected`: SQLite indexes between writes, a moment after each answer. */
async function finds(store: MessageStore, text: string, expected: string[], order: SearchRequest['order'] = 'newest') {
  let last: string[] = []
  await until(
    async () => {
      last = await found(store, text, order)
      return JSON.stringify(last) === JSON.stringify(expected)
    },
    `"${text}" finding ${expected.join(', ')} (found ${last.join(', ')})`,
    5_000,
  )
}

/** Messages are a minute apart, from 2026-11-01 00:01 UTC. */
let at = Date.UTC(2026, 10, 1)
function said(room: string, body: string, username = 'alice') {
  at += 60_000
  return newMessage(room, body, { username, timestamp: at, author: `key-${username}` })
}

const changeOf = (room: string, target: number, change: Partial<NewChange> & Pick<NewChange, 'kind'>) =>
  ({
    room,
    target,
    clientId: `c-${Math.random()}`,
    username: 'alice',
    author: 'key-alice',
    timestamp: at,
    ...change,
  }) as NewChange

for (const [name, open] of stores) {
  describe(`${name} search`, () => {
    test('words match whatever their case and accents, the last one as a prefix; newest first', async () => {
      await using store = await open()
      await store.append(said('lobby', 'Meet me at the café'))
      await store.append(said('lobby', 'CAFE closed today', 'bob'))
      await store.append(said('kitchen', 'the cafeteria serves soup'))
      await finds(store, 'cafe ', ['lobby#2', 'lobby#1'])
      await finds(store, 'Café', ['kitchen#1', 'lobby#2', 'lobby#1'])
      await finds(store, 'soup cafe', ['kitchen#1'])
      await finds(store, 'nothing', [])
    })

    test('phrases keep their words together; from:, in:, before: and after: filter', async () => {
      await using store = await open()
      await store.append(said('lobby', 'release notes are in the wiki'))
      await store.append(said('lobby', 'notes on the release', 'bob'))
      await store.append(said('ops', 'release notes for ops', 'bob'))
      await finds(store, '"release notes" ', ['ops#1', 'lobby#1'])
      await finds(store, 'release from:BOB', ['ops#1', 'lobby#2'])
      await finds(store, 'release in:#lobby', ['lobby#2', 'lobby#1'])
      await finds(store, 'release from:nobody', [])
      await finds(store, 'release after:2026-11-01', [])
      await finds(store, 'release before:2026-11-02', ['ops#1', 'lobby#2', 'lobby#1'])
    })

    test('an edit re-indexes; a deleted message is never found', async () => {
      await using store = await open()
      await store.append(said('r', 'the old words'))
      await store.append(said('r', 'secret plans'))
      await finds(store, 'old ', ['r#1'])
      await store.change(changeOf('r', 1, { kind: 'edit', body: 'the new words', windowMs: 0 }))
      await store.change(changeOf('r', 2, { kind: 'delete' }))
      // Deleted: never found, not even before the index has caught up.
      expect(await found(store, 'secret')).toEqual([])
      await finds(store, 'old ', [])
      await finds(store, 'new ', ['r#1'])
    })

    test('pages with a cursor bring every match once, newest first or best first', async () => {
      await using store = await open()
      for (let i = 1; i <= 25; i++)
        await store.append(said(i % 2 ? 'odd' : 'even', `match ${i}${i === 7 ? ' match match' : ''}`))
      await until(async () => (await found(store, 'match ')).length === 25, 'all 25 indexed')
      const newest = await found(store, 'match ', 'newest', 4)
      expect(newest).toHaveLength(25)
      expect(new Set(newest).size).toBe(25)
      expect(newest.slice(0, 3)).toEqual(['odd#13', 'even#12', 'odd#12'])
      const best = await found(store, 'match ', 'relevance', 4)
      expect(new Set(best)).toEqual(new Set(newest))
    })

    test('a cursor it did not give out is refused', async () => {
      await using store = await open()
      await store.append(said('r', 'word'))
      const parsed = parseSearch('word')
      if (!parsed.ok) throw new Error(parsed.problem)
      const search = store.search?.({ query: parsed.query, order: 'newest', limit: 5, cursor: 'not-a-cursor' })
      expect(search).rejects.toBeInstanceOf(SearchCursorError)
    })

    test('the hidden rooms (private rooms the asker is not in) are never searched', async () => {
      await using store = await open()
      await store.append(said('open', 'the quokka smiles'))
      await store.append(said('secret', 'a quokka in hiding'))
      await finds(store, 'quokka', ['secret#1', 'open#1'])
      const parsed = parseSearch('quokka')
      if (!parsed.ok) throw new Error(parsed.problem)
      const rooms = async (hiddenRooms: string[], order: SearchRequest['order']) =>
        (await store.search?.({ query: parsed.query, order, limit: 10, hiddenRooms }))?.hits.map((hit) => hit.room)
      for (const order of ['newest', 'relevance'] as const) {
        expect(await rooms(['secret'], order)).toEqual(['open'])
        expect(await rooms(['secret', 'open'], order)).toEqual([])
      }
    })
  })
}

describe('SQLite indexing', () => {
  test('a backlog longer than one turn of the indexer is indexed whole, each message once', async () => {
    await using store = await sqliteTestStore()
    const count = 4_000
    // Written together, in a few large batches: far more than one short turn indexes.
    await Promise.all(Array.from({ length: count }, (_, i) => store.append(said('backlog', `needle number${i}`))))
    await until(async () => (await found(store, 'needle')).length === count, `${count} messages found`, 20_000)
    const seqs = (await found(store, 'needle')).map((hit) => Number(hit.split('#')[1]))
    expect(new Set(seqs).size).toBe(count)
    expect(await found(store, 'number3999')).toEqual([`backlog#${count}`])
  })
})
