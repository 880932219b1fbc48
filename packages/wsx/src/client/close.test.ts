import { expect, test } from 'bun:test'
import { testEvents } from '../../test/events.ts'
import { rejection } from '../../test/test-client.ts'
import { createClient } from './create-client.ts'

test('close() rejects what is queued', async () => {
  const client = createClient('ws://127.0.0.1:9/ws', testEvents, { reconnect: false })
  const queued = client.request('echo', { text: 'never sent' })
  client.close()
  expect((await rejection(queued)).code).toBe('closed')
})
