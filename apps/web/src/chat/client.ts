import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'

/** The WebSocket address of the server that served this page (Vite proxies `/ws` in development). */
export function socketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}/ws`
}

/** Creates the app's one wsx client; call `connect()` on it once. */
export function createChatClient() {
  return createClient(socketUrl, events)
}

export type ChatClient = ReturnType<typeof createChatClient>
