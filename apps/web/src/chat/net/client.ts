import type { ChatEvents } from '@parley/events'
import type { WsxClient } from '@parley/wsx/client'
import { deferClient } from './deferred-client.ts'

/** The app's wsx client on Parley's events. */
export type ChatClient = WsxClient<ChatEvents>

type ConnectionModule = typeof import('./connection.ts')

/** The WebSocket address of the server that served this page (Vite proxies `/ws` in development). */
function socketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}/ws`
}

let loading: Promise<ConnectionModule> | null = null
let loaded: ConnectionModule | null = null

/**
 * The connection module (schemas, codec, wsx client), loaded once. The first call starts
 * the download; a failed download is tried again by the next call.
 */
export function loadConnection(): Promise<ConnectionModule> {
  if (loading === null) {
    loading = import('./connection.ts').then(
      (connection) => {
        loaded = connection
        return connection
      },
      (error: unknown) => {
        loading = null
        throw error
      },
    )
  }
  return loading
}

/** The connection module if it is in already (always, once the client has connected), without waiting. */
export function loadedConnection(): ConnectionModule | null {
  return loaded
}

/** Creates the app's one client; call `connect()` on it once. It works at once, and talks once its module is in. */
export function createChatClient(): ChatClient {
  return deferClient<ChatEvents>(loadConnection().then((connection) => connection.createEventsClient(socketUrl)))
}
