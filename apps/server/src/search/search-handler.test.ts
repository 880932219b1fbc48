import { describe, expect, test } from 'bun:test'
import { failure } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

describe('search over the wire', () => {
  test('finds messages in every room, with the words marked in a snippet, and opens nothing it should not', async () => {
    await using parley = await startParley()
    const alice = parley.client()
    const bob = parley.client()
    await alice.request('join', { username: 'alice', room: 'lobby' })
    await bob.request('join', { username: 'bob', room: 'ops' })
    await alice.request('sendMessage', { room: 'lobby', message: 'The Café reopens on Monday' })
    const gone = await bob.request('sendMessage', { room: 'ops', message: 'cafe keys are in the drawer' })
    await bob.request('deleteMessage', { room: 'ops', seq: gone.seq, clientId: 'delete-the-keys' })
    let results: Awaited<ReturnType<typeof bob.request<'search'>>>['results'] = []
    await until(async () => {
      results = (await bob.request('search', { query: 'cafe' })).results
      return results.length === 1
    }, 'the café message to be found')
    expect(results[0]).toMatchObject({ room: 'lobby', seq: 1, username: 'alice' })
    expect(results[0]?.snippet).toEqual([{ text: 'The ' }, { text: 'Café', hit: true }, { text: ' reopens on Monday' }])
  })

  test('bad searches get words, never an error from the database', async () => {
    await using parley = await startParley({ limits: { messageRate: 0 } })
    const alice = parley.client()
    expect(await failure(alice.request('search', { query: 'anything' }))).toBe('Join a room before searching')
    await alice.request('join', { username: 'alice', room: 'r' })
    await alice.request('sendMessage', { room: 'r', message: 'quote " and star * and (brackets)' })
    expect(await failure(alice.request('search', { query: 'x'.repeat(10_000) }))).toBe(
      'Invalid search: query: A search has at most 500 characters',
    )
    expect(await failure(alice.request('search', { query: '   ' }))).toBe(
      'Invalid search: query: Type something to search for',
    )
    expect(await failure(alice.request('search', { query: '*** ) ( ^' }))).toBe('Type a word to search for')
    expect(await failure(alice.request('search', { query: '"' }))).toBe('Type a word to search for')
    expect(await failure(alice.request('search', { query: 'x before:soon' }))).toBe(
      'before: wants a day like before:2026-11-30',
    )
    expect(await failure(alice.request('search', { query: 'x', cursor: 'forged' }))).toBe(
      'Those results are out of date: search again',
    )
    for (const query of [
      '"unclosed quote',
      'NEAR(a b)',
      'a OR b AND NOT c',
      'col:value',
      'brackets)',
      'from:nobody star',
    ]) {
      const answer = await alice.request('search', { query }).catch((error: Error) => error.message)
      expect([query, typeof answer === 'string' ? answer : 'results']).toEqual([query, 'results'])
    }
  })

  test('searches are rate limited per connection, apart from messages', async () => {
    await using parley = await startParley({ limits: { messageRate: 1, messageBurst: 2 } })
    const alice = parley.client()
    await alice.request('join', { username: 'alice', room: 'r' })
    await alice.request('search', { query: 'one' })
    await alice.request('search', { query: 'two' })
    expect(await failure(alice.request('search', { query: 'three' }))).toMatch(
      /^You are searching too fast: slow down and retry in \d\.\d s$/,
    )
    await alice.request('sendMessage', { room: 'r', message: 'messages still go' })
  })

  test('with SEARCH off, searching is refused in words', async () => {
    await using parley = await startParley({ storage: { dataDir: '', databaseUrl: 'memory:', search: false } })
    const alice = parley.client()
    await alice.request('join', { username: 'alice', room: 'r' })
    expect(await failure(alice.request('search', { query: 'one' }))).toBe('Search is turned off on this server')
  })
})
