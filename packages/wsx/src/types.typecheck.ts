/**
 * Compile-time tests, checked by `npm run typecheck` (never run): every
 * `@ts-expect-error` line must fail to compile, every other line must compile.
 */

import type { TestData, testEvents } from '../test/events.ts'
import type { WsxClient } from './client/types.ts'
import type { WsxServer } from './server/types.ts'

type Events = typeof testEvents

export function clientTypes(client: WsxClient<Events>): void {
  const answer: Promise<{ text: string; room: string }> = client.request('echo', { text: 'hi' })
  void answer
  // @ts-expect-error an event that does not exist
  void client.request('nope', {})
  // @ts-expect-error a push event has no response, so it cannot be requested
  void client.request('note', { text: 'x' })
  // @ts-expect-error a payload of the wrong type
  void client.request('echo', { text: 1 })
  // @ts-expect-error a payload missing a required field
  void client.request('echo', {})
  client.send('note', { text: 'fine' })
  // @ts-expect-error a send to an unknown event
  client.send('shouting', { text: 'x' })
  client.on('note', (payload) => {
    const text: string = payload.text
    // @ts-expect-error the payload's field is a string
    const wrong: number = payload.text
    void [text, wrong]
  })
}

export function serverTypes(server: WsxServer<Events, TestData>): void {
  server.onRequest('echo', ({ text, room }, conn) => {
    conn.data.notes.push(text)
    conn.send('note', { text })
    return { text, room }
  })
  server.onRequest('echo', async ({ text }) => ({ text, room: 'x' }))
  // @ts-expect-error a handler result of the wrong shape
  server.onRequest('echo', () => ({ text: 1, room: 'x' }))
  // @ts-expect-error a handler result missing a field
  server.onRequest('fail', () => undefined)
  // @ts-expect-error a request handler for an unknown event
  server.onRequest('nope', () => ({}))
  server.onRequest('join', ({ topic }, conn) => {
    // @ts-expect-error a push with the wrong payload
    conn.publish(topic, 'note', { txt: 'typo' })
    // @ts-expect-error per-connection data is typed
    conn.data.missing = 1
    return { topic }
  })
  server.publish('room', 'note', { text: 'to all' })
}
