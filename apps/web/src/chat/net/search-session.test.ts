import { expect, test } from 'bun:test'
import type { SearchResponse, SearchResult } from '@parley/events'
import { WsxError } from '@parley/wsx/shared'
import { createSearchSession, SEARCH_DEBOUNCE_MS, type StartTimer } from './search-session.ts'
import type { Requester } from './sync.ts'

function result(seq: number): SearchResult {
  return { room: 'r', seq, username: 'ann', timestamp: seq, snippet: [{ text: 'x' }, { text: 'lunch', hit: true }] }
}

interface Pending {
  payload: Record<string, unknown>
  resolve(answer: SearchResponse): void
  reject(error: unknown): void
}

/** A stand-in client whose answers the test gives, in any order. */
function fakeClient() {
  const requests: Pending[] = []
  const client = {
    request: (event: string, payload: Record<string, unknown>) => {
      expect(event).toBe('search')
      return new Promise((resolve, reject) => requests.push({ payload, resolve, reject }))
    },
  } as unknown as Requester
  return { client, requests }
}

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0
  const timers: { at: number; run: () => void }[] = []
  const start: StartTimer = (run, ms) => {
    const timer = { at: now + ms, run }
    timers.push(timer)
    return () => {
      timers.splice(timers.indexOf(timer), 1)
    }
  }
  return {
    start,
    advance(ms: number) {
      now += ms
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.run()
      }
    },
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

test('a burst of typing costs one request, made once typing pauses', () => {
  const { client, requests } = fakeClient()
  const clock = manualClock()
  const session = createSearchSession(client, clock.start)
  for (const text of ['l', 'lu', 'lun', 'lunch']) {
    session.type(text)
    clock.advance(SEARCH_DEBOUNCE_MS - 1)
  }
  expect(requests).toHaveLength(0)
  clock.advance(1)
  expect(requests.map((r) => r.payload)).toEqual([{ query: 'lunch', order: 'newest', limit: 20 }])
  // Enter searches at once; the same words are not asked twice.
  session.type('lunch ')
  session.flush()
  expect(requests).toHaveLength(1)
})

test('the answer to earlier words is dropped when it comes after the newer one', async () => {
  const { client, requests } = fakeClient()
  const clock = manualClock()
  const session = createSearchSession(client, clock.start)
  session.type('lu')
  session.flush()
  session.type('lunch')
  session.flush()
  const [first, second] = requests
  second?.resolve({ results: [result(2)] })
  await settle()
  first?.resolve({ results: [result(1)], nextCursor: 'old' })
  await settle()
  expect(session.getState().results.map((r) => r.seq)).toEqual([2])
  expect(session.getState().nextCursor).toBeNull()
})

test('the next page goes with the cursor and the same words; the order switch asks at once', async () => {
  const { client, requests } = fakeClient()
  const session = createSearchSession(client, manualClock().start)
  session.type('lunch')
  session.flush()
  requests[0]?.resolve({ results: [result(9)], nextCursor: 'c1' })
  await settle()
  session.more()
  session.more()
  expect(requests.map((r) => r.payload)).toEqual([
    { query: 'lunch', order: 'newest', limit: 20 },
    { query: 'lunch', order: 'newest', limit: 20, cursor: 'c1' },
  ])
  requests[1]?.resolve({ results: [result(5)] })
  await settle()
  expect(session.getState().results.map((r) => r.seq)).toEqual([9, 5])

  session.setOrder('relevance')
  expect(requests[2]?.payload).toEqual({ query: 'lunch', order: 'relevance', limit: 20 })
})

test('a refused search shows the server’s words; one that timed out can be asked again', async () => {
  const { client, requests } = fakeClient()
  const session = createSearchSession(client, manualClock().start)
  session.type('"open quote')
  session.flush()
  requests[0]?.reject(new WsxError('remote', 'A quote is left open'))
  await settle()
  expect(session.getState().error).toBe('A quote is left open')
  expect(session.getState().retryable).toBe(false)
  session.retry()
  expect(requests).toHaveLength(1)

  session.type('lunch')
  session.flush()
  requests[1]?.reject(new WsxError('timeout', 'no answer'))
  await settle()
  expect(session.getState().error).toBe('The server did not answer in time. Please try again.')
  session.retry()
  expect(requests.map((r) => r.payload.query)).toEqual(['"open quote', 'lunch', 'lunch'])
  requests[2]?.resolve({ results: [] })
  await settle()
  expect(session.getState().error).toBeNull()
})

test('nothing is asked after the session is over, and no answer lands', async () => {
  const { client, requests } = fakeClient()
  const clock = manualClock()
  const session = createSearchSession(client, clock.start)
  session.type('lunch')
  session.flush()
  session.type('dinner')
  session.dispose()
  clock.advance(SEARCH_DEBOUNCE_MS)
  expect(requests).toHaveLength(1)
  requests[0]?.resolve({ results: [result(1)] })
  await settle()
  expect(session.getState().results).toEqual([])
})
