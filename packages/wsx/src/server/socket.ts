/** What wsx uses of Bun's ServerWebSocket. */
export interface RawSocket {
  readonly readyState: number
  readonly remoteAddress: string
  send(data: string | Uint8Array): number
  /** Bytes queued for this client that it has not read yet (what backpressure counts); Bun has it, Elysia's types do not. */
  getBufferedAmount?(): number
  /** Runs `callback` with this socket's writes held, then sends them in one go. */
  cork<T>(callback: () => T): T
  publish(topic: string, data: string | Uint8Array): number
  subscribe(topic: string): void
  unsubscribe(topic: string): void
  isSubscribed(topic: string): boolean
  close(code?: number, reason?: string): void
}

/** The socket as Elysia hands it to `open`, `message` and `close`. */
export interface ElysiaSocket {
  readonly raw: RawSocket
  readonly id: string
}
