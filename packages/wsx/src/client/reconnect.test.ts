import { expect, test } from 'bun:test'
import { connectTestClient, rejection, statusReached } from '../../test/test-client.ts'
import { startTestServer } from '../../test/test-server.ts'

test('after the server restarts on the same port, queued frames are delivered once', async () => {
  await using first = startTestServer()
  await using client = connectTestClient(first.url, { firstRetryDelay: 50, maxRetryDelay: 200 })
  let opens = 0
  client.onOpen(() => {
    opens += 1
  })
  await statusReached(client, 'open')
  await first.stop()
  await statusReached(client, 'reconnecting')

  client.send('note', { text: 'queued while away' })
  const answer = client.request('echo', { text: 'queued request' })

  await using second = startTestServer(first.port)
  expect(await answer).toEqual({ text: 'queued request', room: 'general' })
  await client.request('echo', { text: 'sync' })
  expect(second.received).toEqual(['queued while away'])
  expect(opens).toBe(2)
  expect(client.status).toBe('open')
})

test('reconnect() drops the connection and connects again at once, keeping what is queued', async () => {
  await using running = startTestServer()
  await using client = connectTestClient(running.url, { firstRetryDelay: 60_000, maxRetryDelay: 60_000 })
  let opens = 0
  client.onOpen(() => {
    opens += 1
  })
  await statusReached(client, 'open')
  const inFlight = client.request('hold', {})
  await client.request('echo', { text: 'the hold was written before this' })
  client.reconnect()
  expect(client.status).toBe('reconnecting')
  const queued = client.request('echo', { text: 'queued during the reconnect' })
  expect((await rejection(inFlight)).code).toBe('closed')
  expect(await queued).toEqual({ text: 'queued during the reconnect', room: 'general' })
  expect(opens).toBe(2)
})

test('reconnect() skips the backoff wait after the server came back', async () => {
  await using first = startTestServer()
  await using client = connectTestClient(first.url, { firstRetryDelay: 60_000, maxRetryDelay: 60_000 })
  await statusReached(client, 'open')
  await first.stop()
  await statusReached(client, 'reconnecting')
  await using _second = startTestServer(first.port)
  const started = Date.now()
  client.reconnect()
  await statusReached(client, 'open')
  expect(Date.now() - started).toBeLessThan(2_000)
})

test('a request made while disconnected fails clearly at its timeout', async () => {
  await using client = connectTestClient('ws://127.0.0.1:9/ws', { firstRetryDelay: 20, maxRetryDelay: 50 })
  const error = await rejection(client.request('echo', { text: 'x' }, { timeout: 150 }))
  expect(error.code).toBe('timeout')
  expect(error.message).toMatch(/No answer to echo within 150 ms/)
})

test('the url function is evaluated again at each reconnect', async () => {
  await using first = startTestServer()
  await using second = startTestServer()
  const given: string[] = []
  await using client = connectTestClient(
    async () => {
      const url = given.length === 0 ? first.url : second.url
      given.push(url)
      return url
    },
    { firstRetryDelay: 20, maxRetryDelay: 50 },
  )
  await client.request('echo', { text: 'to the first' })
  expect(first.server.connections.size).toBe(1)

  const dropped = new Promise<void>((resolve) => client.onClose(() => resolve()))
  await first.stop()
  await dropped
  client.send('note', { text: 'after the move' })
  expect(await client.request('echo', { text: 'to the second' })).toMatchObject({ text: 'to the second' })
  expect(second.received).toEqual(['after the move'])
  expect(second.server.connections.size).toBe(1)
  expect(given).toEqual([first.url, second.url])
})
