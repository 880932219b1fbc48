import { events } from '@parley/events'
import { createElysiaWS } from '@parley/wsx/server'
import { Elysia } from 'elysia'
import { registerChatHandlers } from './chat/chat-handlers.ts'
import { newConnectionData } from './chat/connection-data.ts'
import { RoomRegistry } from './chat/room-registry.ts'
import type { AppConfig } from './config.ts'
import { openStore } from './storage/open-store.ts'
import { webApp } from './web-app.ts'

/** Builds Parley's server: `/api/*`, the chat on `/ws` with its history, and the web app when one is given. */
export async function createApp(config: AppConfig) {
  const store = await openStore(config.storage)
  const { server, handler } = createElysiaWS(events, { data: newConnectionData, debug: config.debug })
  const chat = registerChatHandlers({ server, registry: new RoomRegistry(), store })
  const startedAt = Date.now()

  const app = new Elysia()
    .get('/api/health', () => ({
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      connections: server.connections.size,
    }))
    // GET too: a GET route wins over an ALL route, and the web app answers GET /*.
    .get('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .all('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .ws('/ws', handler)
  const served = config.webDist ? app.use(await webApp(config.webDist)) : app

  /** Stops listening and commits the writes in flight before closing storage. */
  async function shutdown(): Promise<void> {
    await served.stop(true)
    chat.stop()
    await store.close()
  }

  return Object.assign(served, { shutdown })
}
