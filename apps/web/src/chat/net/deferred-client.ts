import type { CloseInfo, ConnectionStatus, WsxClient } from '@parley/wsx/client'
import type { EventDefinitions } from '@parley/wsx/shared'

/** Why nothing can be sent when the client's module could not be loaded. */
export const NOT_LOADED_TEXT = 'Parley could not finish loading. Check your connection and reload the page.'

type Client<E extends EventDefinitions> = WsxClient<E>

/**
 * A wsx client that can be used before the real one exists: calls made meanwhile wait for
 * it, in order (subscriptions, `connect`, one-way sends), and requests resolve once it
 * answers them. Until then its status is `connecting` if `connect()` was called, else `closed`;
 * if `ready` fails, it stays `closed` and every request rejects with `NOT_LOADED_TEXT`.
 */
export function deferClient<E extends EventDefinitions>(ready: Promise<Client<E>>): Client<E> {
  let real: Client<E> | null = null
  let failed = false
  let wanted = false
  let reported: ConnectionStatus = 'closed'
  const waiting: ((client: Client<E>) => void)[] = []
  const statusListeners = new Set<(status: ConnectionStatus) => void>()

  const currentStatus = (): ConnectionStatus => real?.status ?? (wanted && !failed ? 'connecting' : 'closed')

  function report(): void {
    const status = currentStatus()
    if (status === reported) return
    reported = status
    for (const listener of [...statusListeners]) listener(status)
  }

  function whenReady(action: (client: Client<E>) => void): void {
    if (real) action(real)
    else if (!failed) waiting.push(action)
  }

  /** Subscribes now or once the real client exists; the returned function undoes it either way. */
  function subscribe(attach: (client: Client<E>) => () => void): () => void {
    let detach: (() => void) | null = null
    let cancelled = false
    whenReady((client) => {
      if (!cancelled) detach = attach(client)
    })
    return () => {
      cancelled = true
      detach?.()
    }
  }

  const client: Promise<Client<E>> = ready.then(
    (loaded) => {
      real = loaded
      loaded.onStatus(report)
      for (const action of waiting.splice(0)) action(loaded)
      report()
      return loaded
    },
    () => {
      failed = true
      waiting.length = 0
      report()
      throw new Error(NOT_LOADED_TEXT)
    },
  )
  // Nobody may be waiting on it yet: a failure is reported through status and requests.
  client.catch(() => undefined)

  return {
    get status() {
      return currentStatus()
    },
    get readyState() {
      return real?.readyState ?? 0
    },
    connect() {
      wanted = true
      report()
      whenReady((loaded) => loaded.connect())
    },
    close(code, reason) {
      wanted = false
      whenReady((loaded) => loaded.close(code, reason))
      report()
    },
    reconnect() {
      // Before the first connection there is nothing to drop or hurry.
      real?.reconnect()
    },
    // Synchronous once loaded: a join asked for in an `onOpen` handler must be written before
    // the messages queued while disconnected, which the real client sends right after those handlers.
    request: (event, payload, options) =>
      real ? real.request(event, payload, options) : client.then((loaded) => loaded.request(event, payload, options)),
    send(event, payload) {
      whenReady((loaded) => loaded.send(event, payload))
    },
    on: (event, handler) => subscribe((loaded) => loaded.on(event, handler)),
    off(event, handler) {
      whenReady((loaded) => loaded.off(event, handler))
    },
    onOpen: (handler: () => void) => subscribe((loaded) => loaded.onOpen(handler)),
    onClose: (handler: (info: CloseInfo) => void) => subscribe((loaded) => loaded.onClose(handler)),
    onError: (handler: (error: Error) => void) => subscribe((loaded) => loaded.onError(handler)),
    onStatus(listener) {
      statusListeners.add(listener)
      return () => {
        statusListeners.delete(listener)
      }
    },
  }
}
