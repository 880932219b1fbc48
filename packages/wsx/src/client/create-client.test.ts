import { afterEach, describe, expect, test } from 'bun:test'
import { Elysia } from 'elysia'
import { WsxError } from '../shared/errors.ts'
import { openRawSocket, request, startTestServer, testEvents } from '../test-support.ts'
import { createClient } from './create-client.ts'
import type { ConnectionStatus, WsxClient } from './types.ts'

type TestClient = WsxClient<typeof testEvents>
const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

function start(port = 0) {
  const running = startTestServer(port)
  cleanup.push(() => running.stop())
  return running
}

function connect(url: string, options: Parameters<typeof createClient>[2] = {}): TestClient {
  const client = createClient(url, testEvents, options)
  cleanup.push(() => client.close())
  client.connect()
  return client
}

function statusReached(client: TestClient, wanted: ConnectionStatus): Promise<void> {
  if (client.status === wanted) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = client.onStatus((status) => {
      if (status === wanted) {
        stop()
        resolve()
      }
    })
  })
}

async function rejection(promise: Promise<unknown>): Promise<WsxError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof WsxError)) throw new Error(`expected a WsxError, got ${String(error)}`)
  return error
}

describe('requests', () => {
  for (const serializer of ['cbor', 'json'] as const) {
    test(`request and response in ${serializer}, defaults applied`, async () => {
      const { url } = start()
      const client = connect(url, { serializer })
      expect(await client.request('echo', { text: 'hello' })).toEqual({ text: 'hello', room: 'general' })
    })
  }

  test('a response_error rejects with its message', async () => {
    const { url } = start()
    const client = connect(url)
    const error = await rejection(client.request('fail', {}))
    expect(error.code).toBe('remote')
    expect(error.message).toBe('This always fails')
  })

  test('an invalid payload rejects without touching the wire', async () => {
    const { url } = start()
    const client = connect(url)
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
    const { url } = start()
    const client = connect(url)
    const error = await rejection(client.request('wait', { ms: 1_000 }, { timeout: 50 }))
    expect(error.code).toBe('timeout')
  })

  test('pending requests reject when the connection closes', async () => {
    const { url, server } = start()
    const client = connect(url, { reconnect: false })
    await statusReached(client, 'open')
    const waiting = client.request('wait', { ms: 2_000 })
    for (const conn of server.connections.values()) conn.close(1011, 'going away')
    expect((await rejection(waiting)).code).toBe('closed')
    await statusReached(client, 'closed')
  })

  test('close() rejects what is pending and queued', async () => {
    const client = createClient('ws://127.0.0.1:9/ws', testEvents, { reconnect: false })
    const queued = client.request('echo', { text: 'never sent' })
    client.close()
    expect((await rejection(queued)).code).toBe('closed')
  })
})

describe('pushes', () => {
  test('on() receives validated pushes and its unsubscribe stops them', async () => {
    const { url } = start()
    const listener = connect(url)
    const speaker = connect(url, { serializer: 'json' })
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

describe('reconnecting', () => {
  test('after the server restarts on the same port, queued frames are delivered once', async () => {
    const first = startTestServer()
    const port = first.port
    const client = connect(first.url, { firstRetryDelay: 50, maxRetryDelay: 200 })
    let opens = 0
    client.onOpen(() => {
      opens += 1
    })
    await statusReached(client, 'open')
    await first.stop()
    await statusReached(client, 'reconnecting')

    client.send('note', { text: 'queued while away' })
    const answer = client.request('echo', { text: 'queued request' })

    const second = start(port)
    expect(await answer).toEqual({ text: 'queued request', room: 'general' })
    await client.request('echo', { text: 'sync' })
    expect(second.received).toEqual(['queued while away'])
    expect(opens).toBe(2)
    expect(client.status).toBe('open')
  })

  test('reconnect() drops the connection and connects again at once, keeping what is queued', async () => {
    const { url } = start()
    const client = connect(url, { firstRetryDelay: 60_000, maxRetryDelay: 60_000 })
    let opens = 0
    client.onOpen(() => {
      opens += 1
    })
    await statusReached(client, 'open')
    const inFlight = client.request('wait', { ms: 2_000 })
    await Bun.sleep(20)
    client.reconnect()
    expect(client.status).toBe('reconnecting')
    const queued = client.request('echo', { text: 'queued during the reconnect' })
    expect((await rejection(inFlight)).code).toBe('closed')
    expect(await queued).toEqual({ text: 'queued during the reconnect', room: 'general' })
    expect(opens).toBe(2)
  })

  test('reconnect() skips the backoff wait after the server came back', async () => {
    const first = startTestServer()
    const port = first.port
    const client = connect(first.url, { firstRetryDelay: 60_000, maxRetryDelay: 60_000 })
    await statusReached(client, 'open')
    await first.stop()
    await statusReached(client, 'reconnecting')
    start(port)
    const started = Date.now()
    client.reconnect()
    await statusReached(client, 'open')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  test('a request made while disconnected fails clearly at its timeout', async () => {
    const client = connect('ws://127.0.0.1:9/ws', { firstRetryDelay: 20, maxRetryDelay: 50 })
    const error = await rejection(client.request('echo', { text: 'x' }, { timeout: 150 }))
    expect(error.code).toBe('timeout')
    expect(error.message).toMatch(/No answer to echo within 150 ms/)
  })

  test('the url function is evaluated at each connect', async () => {
    const { url } = start()
    let calls = 0
    const client = createClient(async () => {
      calls += 1
      return url
    }, testEvents)
    cleanup.push(() => client.close())
    client.connect()
    await client.request('echo', { text: 'x' })
    expect(calls).toBe(1)
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
    cleanup.push(() => app.stop(true))
    const client = connect(`ws://127.0.0.1:${app.server?.port}/ws`, { serializer: 'json' })
    expect(await client.request('echo', { text: 'x' })).toEqual({ text: 'plain', room: 'r' })
  })

  test('raw sockets and typed clients share a topic', async () => {
    const { url } = start()
    const raw = await openRawSocket(url)
    raw.sendCbor(request('join', { topic: 'mixed' }))
    await raw.next()
    const client = connect(url)
    await client.request('shout', { topic: 'mixed', text: 'from typed client' })
    expect(await raw.next()).toEqual({ v: '1.0', t: 'send', x: 'note', p: { text: 'from typed client' } })
  })
})
