import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ClientOptions } from '@parley/wsx/client'
import { createApp } from '../src/app.ts'
import type { AppConfig } from '../src/config.ts'
import { ClientGroup } from './clients.ts'

/** A fresh data directory for one test's SQLite file; `using` removes it. */
export function temporaryDataDir(): { dataDir: string; remove(): void } & Disposable {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-data-'))
  const remove = () => rmSync(dataDir, { recursive: true, force: true })
  return { dataDir, remove, [Symbol.dispose]: remove }
}

/**
 * Starts Parley in this process on a free port with its own SQLite file (unless
 * `storage` is given). `client()` and `raw()` connect to it; `stop()`, or the end of
 * an `await using` block, closes them all, shuts the server down and removes the data.
 */
export async function startParley(config: Partial<AppConfig> = {}) {
  const data = temporaryDataDir()
  const app = (await createApp({ storage: { dataDir: data.dataDir }, ...config })).listen({
    port: 0,
    hostname: '127.0.0.1',
  })
  const port = app.server?.port ?? 0
  const ws = `ws://127.0.0.1:${port}/ws`
  const clients = new ClientGroup(ws, port)
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      clients.closeAll()
      await app.shutdown()
      data.remove()
    })()
    return stopped
  }
  return {
    app,
    port,
    http: `http://127.0.0.1:${port}`,
    ws,
    /** A connecting client, closed when Parley stops. */
    client: (options: ClientOptions = {}) => clients.client(options),
    /** A hand-written WebSocket, dropped when Parley stops. */
    raw: (headers: Record<string, string> = {}) => clients.raw(headers),
    /** Closes every client, shuts down and removes the data; once, however often it is called. */
    stop,
    [Symbol.asyncDispose]: stop,
  }
}

export type Parley = Awaited<ReturnType<typeof startParley>>
