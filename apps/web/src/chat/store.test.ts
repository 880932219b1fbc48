import { expect, test } from 'bun:test'
import { initialChatState } from './model/state.ts'
import { createChatStore, watchStore } from './store.ts'

const session = { username: 'me', rooms: ['a', 'b'], current: 'a' }

test('listeners hear of a change, and nothing when an action changes nothing', () => {
  const store = createChatStore(initialChatState(session))
  let calls = 0
  const stop = store.subscribe(() => {
    calls += 1
  })
  store.dispatch({ type: 'select', room: 'b' })
  expect(store.getState().current).toBe('b')
  expect(calls).toBe(1)
  store.dispatch({ type: 'select', room: 'not joined' })
  store.dispatch({ type: 'typingExpired', now: Date.now() })
  expect(calls).toBe(1)
  stop()
  store.dispatch({ type: 'select', room: 'a' })
  expect(calls).toBe(1)
})

test('a watcher hears its slice at once and then only when that slice changes', () => {
  const store = createChatStore(initialChatState(session))
  const seen: (string | null)[] = []
  const stop = watchStore(
    store,
    (state) => state.notice,
    (notice) => seen.push(notice),
  )
  store.dispatch({ type: 'select', room: 'b' })
  store.dispatch({ type: 'notice', notice: 'Could not rejoin #b.' })
  store.dispatch({ type: 'typing', room: 'a', username: 'bob', at: Date.now() })
  store.dispatch({ type: 'notice', notice: null })
  stop()
  store.dispatch({ type: 'notice', notice: 'unheard' })
  expect(seen).toEqual([null, 'Could not rejoin #b.', null])
})
