import { describe, expect, test } from 'bun:test'
import { Elysia } from 'elysia'
import { openRawSocket, request } from '../../test/raw-socket.ts'
import { connectTestClient, rejection, statusReached } from '../../test/test-client.ts'
import { startTestServer } from '../../test/test-server.ts'
import { WsxError } from '../shared/errors.ts'

describe('requests', () => {
  for (const serializer of ['cbor', 'json'] as const) {
    test(`request and response in ${serializer}, defaults applied`, async () => {
      await using running = startTestServer()
      await using client = connectTestClient(running.url, { serializer })
      expect(await client.request('echo', { text: 'hello' })).toEqual({ text: 'hello', room: 'general' })
    })
  }

  test('a response_error rejects with its message', async () => {
    await using running = startTestServer()
    await using client = connectTestClient(running.url)
    const error = await rejection(client.request('fail', {}))
    expect(error.code).toBe('remote')
    expect(error.message).toBe('This always fails')
  })

  test('an invalid payload rejects without touching the wire', async () => {
    await using running = startTestServer()
    await using client = connectTestClient(running.url)
    await statusReached(client, 'open')
    const frames: unknown[] = []
    const socketSend = WebSocket.prototype.send
    WebSocket.prototype.send = function (data) {
      frames.push(data)
      return socketSend.call(this, data)
    }
    try {
      const error = await rejection(client.request('echo', { text: '' }))
      expect(error.code).toBe('validation')
      expect(error.message).toMatch(/text/)
      expect(() => client.send('note', { text: 3 as unknown as string })).toThrow(WsxError)
    } finally {
      WebSocket.prototype.send = socketSend
    }
    expect(frames).toEqual([])
  })

  test('a request times out', async () => {
    await using running = startTestServer()
    await using client = connectTestClient(running.url)
    const error = await rejection(client.request('wait', { ms: 1_000 }, { timeout: 50 }))
    expect(error.code).toBe('timeout')
  })

  test('pending requests reject when the connection closes', async () => {
    await using running = startTestServer()
    await using client = connectTestClient(running.url, { reconnect: false })
    await statusReached(client, 'open')
    const waiting = client.request('wait', { ms: 2_000 })
    for (const conn of running.server.connections.values()) conn.close(1011, 'going away')
    expect((await rejection(waiting)).code).toBe('closed')
    await statusReached(client, 'closed')
  })
})

describe('pushes', () => {
  test('on() receives validated pushes and its unsubscribe stops them', async () => {
    await using running = startTestServer()
    await using listener = connectTestClient(running.url)
    await using speaker = connectTestClient(running.url, { serializer: 'json' })
    await listener.request('join', { topic: 'room' })
    await speaker.request('join', { topic: 'room' })
    const heard: string[] = []
    const stop = listener.on('note', ({ text }) => heard.push(text))
    const arrived = new Promise<void>((resolve) => listener.on('note', () => resolve()))
    await speaker.request('shout', { topic: 'room', text: 'one' })
    await arrived
    stop()
    await speaker.request('shout', { topic: 'room', text: 'two' })
    await listener.request('echo', { text: 'sync' })
    expect(heard).toEqual(['one'])
  })
})

describe('against raw frames', () => {
  test('our client reads JSON text frames from a server that is not ours', async () => {
    const app = new Elysia()
      .ws('/ws', {
        message(ws, message) {
          const frame = JSON.parse(new TextDecoder().decode(message as Uint8Array)) as {
            id: string
            x: string
            w: number
          }
          ws.raw.send(
            JSON.stringify({
              v: '1.0',
              t: 'response_ok',
              x: frame.x,
              id: frame.id,
              w: frame.w,
              p: { text: 'plain', room: 'r' },
            }),
          )
        },
      })
      .listen(0)
    try {
      await using client = connectTestClient(`ws://127.0.0.1:${app.server?.port}/ws`, { serializer: 'json' })
      expect(await client.request('echo', { text: 'x' })).toEqual({ text: 'plain', room: 'r' })
    } finally {
      await app.stop(true)
    }
  })

  test('raw sockets and typed clients share a topic', async () => {
    await using running = startTestServer()
    await using raw = await openRawSocket(running.url)
    raw.sendCbor(request('join', { topic: 'mixed' }))
    await raw.next()
    await using client = connectTestClient(running.url)
    await client.request('shout', { topic: 'mixed', text: 'from typed client' })
    expect(await raw.next()).toEqual({ v: '1.0', t: 'send', x: 'note', p: { text: 'from typed client' } })
  })
})
