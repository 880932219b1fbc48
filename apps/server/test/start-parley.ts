import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ChatEvents, events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import { type Payload, type PayloadEvent, WsxError } from '@parley/wsx/shared'
import { SQL } from 'bun'
import { createApp } from '../src/app.ts'
import type { AppConfig } from '../src/config.ts'

export type ChatClient = WsxClient<ChatEvents>

/** A fresh data directory for one test's SQLite file. */
export function temporaryDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-data-'))
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) }
}

/**
 * Starts Parley on a free port with its own SQLite file (unless `storage` is given);
 * `stop` closes it, every client made through it, and removes the data.
 */
export async function startParley(config: Partial<AppConfig> = {}) {
  const data = temporaryDataDir()
  const app = (await createApp({ storage: { dataDir: data.dataDir }, ...config })).listen({
    port: 0,
    hostname: '127.0.0.1',
  })
  const base = `127.0.0.1:${app.server?.port}`
  const clients: ChatClient[] = []
  return {
    app,
    port: app.server?.port ?? 0,
    http: `http://${base}`,
    ws: `ws://${base}/ws`,
    /** A connected client that records every push it receives. */
    client(options: Parameters<typeof createClient>[2] = {}) {
      const client = createClient(`ws://${base}/ws`, events, { reconnect: false, ...options })
      clients.push(client)
      client.connect()
      return client
    },
    async stop() {
      for (const client of clients) client.close()
      await app.shutdown()
      data.remove()
    },
  }
}

/** Resolves with the first push of `event` that matches, or fails after `ms`. */
export function nextPush<K extends PayloadEvent<ChatEvents>>(
  client: ChatClient,
  event: K,
  matches: (payload: Payload<ChatEvents, K>) => boolean = () => true,
  ms = 2_000,
): Promise<Payload<ChatEvents, K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no matching ${event} push arrived`))
    }, ms)
    const stop = client.on(event, (payload) => {
      if (!matches(payload)) return
      clearTimeout(timer)
      stop()
      resolve(payload)
    })
  })
}

/** Records every push of `event`, in order. */
export function recordPushes<K extends PayloadEvent<ChatEvents>>(client: ChatClient, event: K) {
  const seen: Payload<ChatEvents, K>[] = []
  client.on(event, (payload) => seen.push(payload))
  return seen
}

/** The message a request failed with; fails the test if it succeeded. */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof WsxError)) throw new Error('expected the request to fail')
  return error.message
}

/** PostgreSQL on this machine (trust auth, database test); POSTGRES_URL overrides it. */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test'

/** A schema of its own in the test database, so runs never collide; `remove` drops it. */
export async function temporaryPostgresSchema(): Promise<{ url: string; remove(): Promise<void> }> {
  const schema = `parley_test_${crypto.randomUUID().replaceAll('-', '')}`
  const admin = new SQL(POSTGRES_URL)
  await admin.unsafe(`CREATE SCHEMA ${schema}`)
  return {
    url: `${POSTGRES_URL}?search_path=${schema}`,
    async remove() {
      await admin.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.close()
    },
  }
}
