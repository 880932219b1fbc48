import { Elysia } from 'elysia'
import { createElysiaWS } from '../src/server/create-elysia-ws.ts'
import type { ServerOptions, WsxProblem, WsxServer } from '../src/server/types.ts'
import { type TestData, type TestEvents, testEvents } from './events.ts'

export type TestServer = WsxServer<TestEvents, TestData>

/** A running test server; `await using` stops it (closing its sockets) at the end of the scope. */
export interface RunningTestServer extends AsyncDisposable {
  readonly server: TestServer
  /** The texts of the `note` sends it received, in order. */
  readonly received: string[]
  /** Everything it refused, as `onProblem` reported it. */
  readonly problems: WsxProblem[]
  readonly port: number
  readonly url: string
  /** Answers every `hold` request so far and from now on. */
  release(): void
  /** Stops the server and closes its sockets; calling it again does nothing more. */
  stop(): Promise<void>
}

/** Starts an Elysia app serving `testEvents` on `port` (0 picks one), with the usual handlers. */
export function startTestServer(
  port = 0,
  options: Pick<ServerOptions<TestData>, 'validateResponses'> = {},
): RunningTestServer {
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
  let releaseHeld = () => {}
  const held = new Promise<void>((resolve) => {
    releaseHeld = resolve
  })
  server.onRequest('hold', async () => {
    await held
    return {}
  })
  server.onRequest('join', ({ topic }, conn) => {
    conn.subscribe(topic)
    return { topic }
  })
  server.onRequest('leave', ({ topic }, conn) => {
    conn.unsubscribe(topic)
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
  let stopped: Promise<void> | undefined
  const stop = () => {
    releaseHeld()
    stopped ??= app.stop(true).then(() => undefined)
    return stopped
  }
  return {
    server,
    received,
    problems,
    port: actualPort,
    url: `ws://127.0.0.1:${actualPort}/ws`,
    release: () => releaseHeld(),
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
