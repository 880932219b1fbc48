import { type ChatEvents, events } from '@parley/events'
import { createClient, type WsxClient } from '@parley/wsx/client'
import type { Payload, PayloadEvent } from '@parley/wsx/shared'
import { createApp } from './app.ts'
import type { AppConfig } from './config.ts'

export type ChatClient = WsxClient<ChatEvents>

/** Starts Parley on a free port; `stop` closes it and every client made through it. */
export async function startParley(config: AppConfig = {}) {
  const app = (await createApp(config)).listen({ port: 0, hostname: '127.0.0.1' })
  const base = `127.0.0.1:${app.server?.port}`
  const clients: ChatClient[] = []
  return {
    app,
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
      await app.stop(true)
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
