import { Decoder } from 'cbor-x/decode'
import { Encoder } from 'cbor-x/encode'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { createElysiaWS } from './server/create-elysia-ws.ts'
import type { ServerOptions, WsxProblem, WsxServer } from './server/types.ts'
import { defineEvents } from './shared/events.ts'

/** Events used across the package's tests. */
export const testEvents = defineEvents({
  echo: {
    request: z.object({ text: z.string().min(1), room: z.string().default('general') }),
    response: z.object({ text: z.string(), room: z.string() }),
  },
  fail: { request: z.object({}), response: z.object({}) },
  badAnswer: { request: z.object({}), response: z.object({ n: z.number() }) },
  wait: { request: z.object({ ms: z.number() }), response: z.object({ waited: z.number() }) },
  join: { request: z.object({ topic: z.string() }), response: z.object({ topic: z.string() }) },
  shout: { request: z.object({ topic: z.string(), text: z.string() }), response: z.object({}) },
  note: { request: z.object({ text: z.string() }) },
})

export type TestEvents = typeof testEvents
export type TestData = { notes: string[] }
export type TestServer = WsxServer<TestEvents, TestData>

/** Starts an Elysia app serving `testEvents` on `port` (0 picks one), with the usual handlers. */
export function startTestServer(port = 0, options: Pick<ServerOptions<TestData>, 'validateResponses'> = {}) {
  const problems: WsxProblem[] = []
  const { server, handler } = createElysiaWS(testEvents, {
    ...options,
    data: (): TestData => ({ notes: [] }),
    onProblem: (problem) => problems.push(problem),
  })
  const received: string[] = []
  server.onRequest('echo', ({ text, room }) => ({ text, room }))
  server.onRequest('fail', () => {
    throw new Error('This always fails')
  })
  server.onRequest('badAnswer', () => ({ n: 'not a number' }) as unknown as { n: number })
  server.onRequest('wait', async ({ ms }) => {
    await Bun.sleep(ms)
    return { waited: ms }
  })
  server.onRequest('join', ({ topic }, conn) => {
    conn.subscribe(topic)
    return { topic }
  })
  server.onRequest('shout', ({ topic, text }, conn) => {
    conn.publish(topic, 'note', { text })
    return {}
  })
  server.onSend('note', ({ text }, conn) => {
    conn.data.notes.push(text)
    received.push(text)
  })
  const app = new Elysia().ws('/ws', handler).listen(port)
  const actualPort = app.server?.port
  if (!actualPort) throw new Error('server did not start')
  return {
    app,
    server,
    received,
    problems,
    port: actualPort,
    url: `ws://127.0.0.1:${actualPort}/ws`,
    stop: () => app.stop(true),
  }
}

const upstreamDecoder = new Decoder({ mapsAsObjects: false })
const defaultEncoder = new Encoder()

/** A bare WebSocket that sends raw frames and decodes what comes back like an @mdrv/wsx client. */
export async function openRawSocket(url: string) {
  const ws = new WebSocket(url)
  ws.binaryType = 'arraybuffer'
  const inbox: unknown[] = []
  const waiters: ((value: unknown) => void)[] = []
  ws.onmessage = (event) => {
    const data = event.data
    const value =
      typeof data === 'string'
        ? JSON.parse(data)
        : new Uint8Array(data)[0] === 0x7b
          ? JSON.parse(new TextDecoder().decode(data))
          : upstreamDecoder.decode(new Uint8Array(data))
    const waiter = waiters.shift()
    if (waiter) waiter(value)
    else inbox.push(value)
  }
  const closed = new Promise<CloseEvent>((resolve) => {
    ws.onclose = resolve
  })
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve()
    ws.onerror = () => reject(new Error('could not connect'))
  })
  return {
    ws,
    closed,
    /** Sends an object as cbor-x's default Encoder writes it. */
    sendCbor: (value: unknown) => ws.send(defaultEncoder.encode(value)),
    sendJson: (value: unknown, asText = false) =>
      ws.send(asText ? JSON.stringify(value) : new TextEncoder().encode(JSON.stringify(value))),
    /** The next decoded frame (fails the test after `ms`). */
    next(ms = 2_000): Promise<unknown> {
      if (inbox.length > 0) return Promise.resolve(inbox.shift())
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no frame arrived')), ms)
        waiters.push((value) => {
          clearTimeout(timer)
          resolve(value)
        })
      })
    },
    pendingCount: () => inbox.length,
  }
}

export function request(x: string, p: unknown, id = 'r1') {
  return { v: '1.0', t: 'request', x, id, w: 1_700_000_000_000, p }
}
