import { expect, test } from 'bun:test'
import { testEvents } from '../../test/events.ts'
import { connectTestClient, rejection, statusReached } from '../../test/test-client.ts'
import { startTestServer } from '../../test/test-server.ts'
import { WsxError } from '../shared/errors.ts'
import { createClient } from './create-client.ts'

function thrownBy(run: () => void): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

test('close() rejects requests in flight with closed, naming the request', async () => {
  await using running = startTestServer()
  await using client = connectTestClient(running.url)
  await statusReached(client, 'open')
  const inFlight = client.request('hold', {}, { timeout: 60_000 })
  expect(await client.request('echo', { text: 'sync' })).toMatchObject({ text: 'sync' })
  client.close()
  const error = await rejection(inFlight)
  expect(error.code).toBe('closed')
  expect(error.message).toBe('The client was closed before hold was answered')
  await statusReached(client, 'closed')
})

test('close() rejects what is queued', async () => {
  const client = createClient('ws://127.0.0.1:9/ws', testEvents, { reconnect: false })
  const queued = client.request('echo', { text: 'never sent' })
  client.close()
  expect((await rejection(queued)).code).toBe('closed')
})

test('after close(), requests and sends fail at once until connect()', async () => {
  await using running = startTestServer()
  await using client = connectTestClient(running.url)
  await client.request('echo', { text: 'before' })
  client.close()

  const late = await rejection(client.request('echo', { text: 'after' }, { timeout: 60_000 }))
  expect(late.code).toBe('closed')
  expect(late.message).toBe('Cannot request echo: the client was closed')
  const refused = thrownBy(() => client.send('note', { text: 'after' }))
  expect(refused).toBeInstanceOf(WsxError)
  expect(refused).toMatchObject({ code: 'closed', message: 'Cannot send note: the client was closed' })

  await statusReached(client, 'closed')
  client.connect()
  expect(await client.request('echo', { text: 'again' })).toMatchObject({ text: 'again' })
  client.send('note', { text: 'again' })
  await client.request('echo', { text: 'sync' })
  expect(running.received).toEqual(['again'])
})
