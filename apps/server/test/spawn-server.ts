import type { ClientOptions } from '@parley/wsx/client'
import { type ChatClient, ClientGroup } from './clients.ts'
import type { RawWebSocket } from './raw-websocket.ts'
import { type ServerProcess, type ServerProcessOptions, startServerProcess } from './server-process.ts'

/** A server process (Parley's entry point unless another is given) with clients for the test. */
export interface SpawnedServer extends ServerProcess, AsyncDisposable {
  /** A connecting chat client on this server, closed when the server is disposed. */
  client(options?: ClientOptions): ChatClient
  /** A hand-written WebSocket on this server, dropped when the server is disposed. */
  raw(headers?: Record<string, string>): Promise<RawWebSocket>
  /** The end of an `await using` block: closes its clients and SIGKILLs the server if it still runs. */
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Runs a server as its own process on a free port (see `startServerProcess`), with
 * `client()` and `raw()` to talk to it, all cleaned up by `await using`.
 */
export async function spawnServer(options: ServerProcessOptions = {}): Promise<SpawnedServer> {
  const server = await startServerProcess(options)
  const clients = new ClientGroup(server.url, server.port)
  return {
    ...server,
    client: (clientOptions = {}) => clients.client(clientOptions),
    raw: (headers = {}) => clients.raw(headers),
    async [Symbol.asyncDispose]() {
      clients.closeAll()
      server.kill('SIGKILL')
      await server.exited
    },
  }
}
