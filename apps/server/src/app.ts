import { events } from '@parley/events'
import { createElysiaWS } from '@parley/wsx/server'
import { Elysia } from 'elysia'
import { registerChatHandlers } from './chat/chat-handlers.ts'
import { newConnectionData } from './chat/connection-data.ts'
import { RoomRegistry } from './chat/room-registry.ts'
import type { AppConfig } from './config.ts'
import { silentLogger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { openStore } from './storage/open-store.ts'
import { webApp } from './web-app.ts'

/** RFC 6455 "service restart": clients should reconnect. */
const CLOSE_SERVICE_RESTART = 1012
/** How long clients get to finish the close handshake before their sockets are dropped. */
const CLOSE_GRACE_MS = 5_000

/** Builds Parley's server: `/api/*`, the chat on `/ws` with its history, and the web app when one is given. */
export async function createApp(config: AppConfig) {
  const log = config.logger ?? silentLogger
  const store = await openStore(config.storage)
  const registry = new RoomRegistry()
  const { server, handler } = createElysiaWS(events, {
    data: newConnectionData,
    debug: config.debug,
    onProblem: (problem) => {
      metrics.countError(problem.kind)
      const fields = { kind: problem.kind, request: problem.event, connectionId: problem.connectionId }
      if (problem.kind === 'invalid-response') log.error('request-failed', fields)
      else if (problem.kind === 'handler-error') log.debug('request-refused', fields)
      else log.warn('frame-refused', fields)
    },
  })
  const metrics = new Metrics({ connections: () => server.connections.size, rooms: () => registry.roomCount })
  const chat = registerChatHandlers({ server, registry, store, log, metrics })
  server.onOpen((conn) => log.debug('connection-open', { connectionId: conn.id }))
  server.onClose((conn, code) => log.debug('connection-closed', { connectionId: conn.id, code }))
  const startedAt = Date.now()

  const app = new Elysia()
    .get('/api/health', () => ({
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      connections: server.connections.size,
    }))
    .get('/api/metrics', ({ set }) => {
      set.headers['content-type'] = 'text/plain; version=0.0.4; charset=utf-8'
      return metrics.render()
    })
    // GET too: a GET route wins over an ALL route, and the web app answers GET /*.
    .get('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .all('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .ws('/ws', handler)
  const served = config.webDist ? app.use(await webApp(config.webDist)) : app

  /**
   * Stops gracefully: tells every client to come back later (1012), stops
   * listening, and commits the writes in flight before closing storage.
   */
  async function shutdown(): Promise<void> {
    for (const conn of server.connections.values()) conn.close(CLOSE_SERVICE_RESTART, 'Server restarting')
    const closed = served.stop()
    const late = setTimeout(() => served.stop(true), CLOSE_GRACE_MS)
    await closed
    clearTimeout(late)
    chat.stop()
    await store.close()
  }

  return Object.assign(served, { shutdown })
}
