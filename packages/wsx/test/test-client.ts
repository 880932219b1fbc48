import { createClient } from '../src/client/create-client.ts'
import type { ClientOptions, ConnectionStatus, WsxClient } from '../src/client/types.ts'
import { WsxError } from '../src/shared/errors.ts'
import { type TestEvents, testEvents } from './events.ts'

/** A client on `testEvents`; `await using` closes it at the end of the scope. */
export type TestClient = WsxClient<TestEvents> & AsyncDisposable

/** Creates a client for `url` (a string or a function giving one) and connects it. */
export function connectTestClient(url: string | (() => string | Promise<string>), options: ClientOptions = {}) {
  const client = createClient(url, testEvents, options)
  client.connect()
  return Object.assign(client, {
    async [Symbol.asyncDispose]() {
      client.close()
      await statusReached(client, 'closed')
    },
  }) satisfies TestClient
}

/** Resolves when the client reaches `wanted` (at once if it is there already). */
export function statusReached(client: WsxClient<TestEvents>, wanted: ConnectionStatus): Promise<void> {
  if (client.status === wanted) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = client.onStatus((status) => {
      if (status === wanted) {
        stop()
        resolve()
      }
    })
  })
}

/** The WsxError `promise` rejects with; throws if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<WsxError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof WsxError)) throw new Error(`expected a WsxError, got ${String(error)}`)
  return error
}
