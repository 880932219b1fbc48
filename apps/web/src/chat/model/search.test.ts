import { expect, test } from 'bun:test'
import type { SearchResult } from '@parley/events'
import { SEARCH_MAX_LENGTH } from '@parley/events/rules'
import {
  initialSearch,
  moreToAsk,
  type SearchAction,
  type SearchState,
  searchAnnouncement,
  searchPhase,
  searchReducer,
  searchToAsk,
} from './search.ts'
import { formatResultTime } from './search-time.ts'

function result(room: string, seq: number): SearchResult {
  return { room, seq, username: 'ann', timestamp: 1_700_000_000_000 + seq, snippet: [{ text: `m${seq}` }] }
}

function run(...actions: SearchAction[]): SearchState {
  return actions.reduce(searchReducer, initialSearch)
}

test('typing asks for the trimmed words once; the same words again ask nothing', () => {
  let state = run({ type: 'typed', text: '  lunch ' })
  expect(searchToAsk(state)).toEqual({ query: 'lunch', order: 'newest' })
  state = searchReducer(state, { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } })
  expect(searchToAsk(state)).toBeNull()
  state = searchReducer(state, { type: 'typed', text: 'lunch  ' })
  expect(searchToAsk(state)).toBeNull()
  expect(searchPhase(state)).toBe('searching')
})

test('an empty box shows nothing and takes no answer still on its way', () => {
  const asked = run({ type: 'typed', text: 'x' }, { type: 'asked', id: 1, search: { query: 'x', order: 'newest' } })
  const state = searchReducer(asked, { type: 'typed', text: '   ' })
  expect(searchToAsk(state)).toBeNull()
  expect(searchPhase(state)).toBe('idle')
  expect(searchReducer(state, { type: 'answered', id: 1, results: [result('a', 1)] })).toBe(state)
})

test('an answer to words typed earlier never replaces the newer search', () => {
  let state = run(
    { type: 'typed', text: 'lu' },
    { type: 'asked', id: 1, search: { query: 'lu', order: 'newest' } },
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 2, search: { query: 'lunch', order: 'newest' } },
  )
  state = searchReducer(state, { type: 'answered', id: 2, results: [result('a', 2)] })
  const late = searchReducer(state, { type: 'answered', id: 1, results: [result('a', 1), result('a', 3)] })
  expect(late).toBe(state)
  expect(late.results.map((found) => found.seq)).toEqual([2])
  // A late failure of the old search does not either.
  expect(searchReducer(state, { type: 'failed', id: 1, error: 'no' })).toBe(state)
})

test('the results of the last search stay on screen while the next is awaited', () => {
  const state = run(
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } },
    { type: 'answered', id: 1, results: [result('a', 1)] },
    { type: 'typed', text: 'lunch at' },
    { type: 'asked', id: 2, search: { query: 'lunch at', order: 'newest' } },
  )
  expect(state.results).toHaveLength(1)
  expect(searchPhase(state)).toBe('found')
  expect(searchAnnouncement(state)).toBe('')
})

test('pages follow the cursor, appended once each; a new search drops the page on its way', () => {
  let state = run(
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } },
    { type: 'answered', id: 1, results: [result('a', 9), result('b', 8)], nextCursor: 'c1' },
  )
  expect(moreToAsk(state)).toEqual({ query: 'lunch', order: 'newest', cursor: 'c1' })
  expect(searchAnnouncement(state)).toBe('2 messages found so far; more can be loaded.')
  state = searchReducer(state, { type: 'askedMore', id: 2 })
  expect(moreToAsk(state)).toBeNull()
  // A second "more" while one is awaited is not asked.
  expect(searchReducer(state, { type: 'askedMore', id: 3 })).toBe(state)
  state = searchReducer(state, { type: 'answered', id: 2, results: [result('b', 8), result('a', 7)] })
  expect(state.results.map((found) => `${found.room}${found.seq}`)).toEqual(['a9', 'b8', 'a7'])
  expect(state.nextCursor).toBeNull()
  expect(moreToAsk(state)).toBeNull()
  expect(searchAnnouncement(state)).toBe('3 messages found.')

  state = run(
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } },
    { type: 'answered', id: 1, results: [result('a', 9)], nextCursor: 'c1' },
    { type: 'askedMore', id: 2 },
    { type: 'typed', text: 'dinner' },
    { type: 'asked', id: 3, search: { query: 'dinner', order: 'newest' } },
  )
  expect(searchReducer(state, { type: 'answered', id: 2, results: [result('a', 1)] })).toBe(state)
  state = searchReducer(state, { type: 'answered', id: 3, results: [result('c', 5)] })
  expect(state.results.map((found) => found.seq)).toEqual([5])
  expect(state.nextCursor).toBeNull()
})

test('switching the order asks the same words again in that order', () => {
  let state = run(
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } },
    { type: 'answered', id: 1, results: [result('a', 1)] },
  )
  state = searchReducer(state, { type: 'ordered', order: 'relevance' })
  expect(searchToAsk(state)).toEqual({ query: 'lunch', order: 'relevance' })
  expect(searchReducer(state, { type: 'ordered', order: 'relevance' })).toBe(state)
})

test('a refused search says why, shows no results and is not asked again until the words change', () => {
  let state = run(
    { type: 'typed', text: 'before:yesterday' },
    { type: 'asked', id: 1, search: { query: 'before:yesterday', order: 'newest' } },
    { type: 'failed', id: 1, error: 'before: takes a date, such as before:2026-01-31' },
  )
  expect(searchPhase(state)).toBe('failed')
  expect(searchAnnouncement(state)).toBe('before: takes a date, such as before:2026-01-31')
  expect(searchToAsk(state)).toBeNull()
  state = searchReducer(state, { type: 'typed', text: 'before:2026-01-31' })
  expect(searchToAsk(state)).toEqual({ query: 'before:2026-01-31', order: 'newest' })
  state = searchReducer(state, { type: 'asked', id: 2, search: { query: 'before:2026-01-31', order: 'newest' } })
  expect(state.error).toBeNull()
  state = searchReducer(state, { type: 'answered', id: 2, results: [] })
  expect(searchPhase(state)).toBe('empty')
  expect(searchAnnouncement(state)).toBe('No messages found.')
})

test('a failed next page keeps the results and says why', () => {
  const state = run(
    { type: 'typed', text: 'lunch' },
    { type: 'asked', id: 1, search: { query: 'lunch', order: 'newest' } },
    { type: 'answered', id: 1, results: [result('a', 9)], nextCursor: 'c1' },
    { type: 'askedMore', id: 2 },
    { type: 'failed', id: 2, error: 'Too many requests' },
  )
  expect(state.results).toHaveLength(1)
  expect(state.moreError).toBe('Too many requests')
  expect(moreToAsk(state)).toEqual({ query: 'lunch', order: 'newest', cursor: 'c1' })
})

test('words longer than the server takes are refused at once, without asking', () => {
  const state = run({ type: 'typed', text: 'a'.repeat(SEARCH_MAX_LENGTH + 1) })
  expect(state.error).toBe(`A search has at most ${SEARCH_MAX_LENGTH} characters.`)
  expect(searchToAsk(state)).toBeNull()
  expect(searchToAsk(searchReducer(state, { type: 'typed', text: 'a'.repeat(SEARCH_MAX_LENGTH) }))).not.toBeNull()
})

test('a found message’s time is as short as tells it apart', () => {
  const now = new Date(2026, 5, 15, 18, 0).getTime()
  const today = formatResultTime(new Date(2026, 5, 15, 9, 5).getTime(), now)
  const thisYear = formatResultTime(new Date(2026, 2, 3, 9, 5).getTime(), now)
  const lastYear = formatResultTime(new Date(2025, 2, 3, 9, 5).getTime(), now)
  expect(today).not.toMatch(/2026|Jun/)
  expect(thisYear).not.toMatch(/2026/)
  expect(thisYear).toMatch(/3/)
  expect(lastYear).toMatch(/2025/)
})
