import type { EventDefinitions, Payload, PayloadEvent, PayloadInput, RequestEvent, Response } from '../shared/events.ts'
import type { Encoding } from '../shared/serializers.ts'

/** Where the client is: `closed` before `connect()` and after `close()`. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface ClientOptions {
  /** Wire encoding; the server answers in kind. Default `cbor`. */
  serializer?: Encoding
  /** Validate outgoing payloads and incoming pushes and responses. Default true. */
  validate?: boolean
  /** Default request timeout in ms. Default 30 000. */
  timeout?: number
  /** Give up on a connection attempt after this many ms. Default 4 000. */
  connectTimeout?: number
  /** Reconnect after an unexpected close. Default true. */
  reconnect?: boolean
  /** Upper bound of the first retry delay in ms. Default 500. */
  firstRetryDelay?: number
  /** After a close saying the server restarts (1012) or goes away (1001), the first retry comes within this many ms, so clients do not all return at once. Default 3 000. */
  restartRetrySpread?: number
  /** Cap of the backoff delay in ms. Default 10 000. */
  maxRetryDelay?: number
  /** Log frames to the console. */
  debug?: boolean
}

export interface RequestOptions {
  timeout?: number
  requestId?: string
}

export interface CloseInfo {
  code: number
  reason: string
}

/** A typed wsx client. */
export interface WsxClient<E extends EventDefinitions> {
  readonly status: ConnectionStatus
  readonly readyState: number
  /** Opens the connection, and keeps it open (reconnecting) until `close()`. */
  connect(): void
  /**
   * Closes the connection for good: every request not yet answered, written or queued,
   * rejects with a `closed` WsxError, and until `connect()` is called again `request()`
   * rejects and `send()` throws with `closed` at once.
   */
  close(code?: number, reason?: string): void
  /**
   * Drops the connection, if any, and connects again at once, without waiting out the
   * backoff (say, when the browser goes offline or comes back online). Requests already
   * written to the dropped connection reject with `closed`; queued ones wait for the next.
   */
  reconnect(): void
  request<K extends RequestEvent<E>>(
    event: K,
    payload: PayloadInput<E, K>,
    options?: RequestOptions,
  ): Promise<Response<E, K>>
  send<K extends PayloadEvent<E>>(event: K, payload: PayloadInput<E, K>): void
  on<K extends PayloadEvent<E>>(event: K, handler: (payload: Payload<E, K>) => void): () => void
  off<K extends PayloadEvent<E>>(event: K, handler: (payload: Payload<E, K>) => void): void
  onOpen(handler: () => void): () => void
  onClose(handler: (info: CloseInfo) => void): () => void
  onError(handler: (error: Error) => void): () => void
  onStatus(listener: (status: ConnectionStatus) => void): () => void
}
