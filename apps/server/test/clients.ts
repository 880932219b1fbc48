import { type ChatEvents, type ChatMessage, events, type MessageChange } from '@parley/events'
import { type ClientOptions, createClient, type WsxClient } from '@parley/wsx/client'
import { type Payload, type PayloadEvent, WsxError } from '@parley/wsx/shared'
import { openRawWebSocket, type RawWebSocket } from './raw-websocket.ts'

export type ChatClient = WsxClient<ChatEvents>

/** A chat client that `await using` closes at the end of its block. */
export type TestClient = ChatClient & AsyncDisposable

/**
 * A chat client on `url` (or on what the function answers at each connect), already
 * connecting: requests made now wait for the socket. It does not reconnect unless
 * `options.reconnect` says so.
 */
export function connect(url: string | (() => string), options: ClientOptions = {}): TestClient {
  const client = createClient(url, events, { reconnect: false, ...options })
  client.connect()
  return Object.assign(client, { [Symbol.asyncDispose]: async () => client.close() })
}

/**
 * Every client and raw socket a test opens against one server, so they close together:
 * `startParley` and `spawnServer` hand one out as `client()` and `raw()`.
 */
export class ClientGroup {
  readonly #url: string
  readonly #port: number
  readonly #clients: ChatClient[] = []
  readonly #raws: RawWebSocket[] = []

  constructor(url: string, port: number) {
    this.#url = url
    this.#port = port
  }

  /** A connecting chat client on this server. */
  client(options: ClientOptions = {}): ChatClient {
    const client = connect(this.#url, options)
    this.#clients.push(client)
    return client
  }

  /** A hand-written WebSocket on this server, upgraded, for what real clients will not do. */
  async raw(headers: Record<string, string> = {}): Promise<RawWebSocket> {
    const socket = await openRawWebSocket(this.#port, headers)
    this.#raws.push(socket)
    return socket
  }

  /** Closes every client and drops every raw socket opened so far. */
  closeAll(): void {
    for (const client of this.#clients.splice(0)) client.close()
    for (const raw of this.#raws.splice(0)) raw.socket.destroy()
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

/** The close code a client's connection ends with. */
export function closeCode(client: ChatClient): Promise<number> {
  return new Promise((resolve) => client.onClose(({ code }) => resolve(code)))
}

/** Every message and change in `room`'s log after `after`, oldest first, page by page (the client must have joined it). */
export async function wholeLog(client: ChatClient, room: string, after = 0, pageSize = 200) {
  const messages: ChatMessage[] = []
  const changes: MessageChange[] = []
  let from = after
  for (;;) {
    const page = await client.request('history', { room, after: from, limit: pageSize })
    messages.push(...page.messages)
    changes.push(...page.changes)
    from = Math.max(from, page.messages.at(-1)?.seq ?? 0, page.changes.at(-1)?.seq ?? 0)
    if (!page.hasMore) return { messages, changes }
  }
}

/** Every message stored in `room` after `after`, oldest first (the client must have joined it). */
export async function wholeHistory(client: ChatClient, room: string, after = 0, pageSize = 200) {
  return (await wholeLog(client, room, after, pageSize)).messages
}
