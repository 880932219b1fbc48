/** What one client may do; every number has an environment variable (see README). */
export interface Limits {
  /** Chat messages per second per connection (token bucket); 0 turns rate limits off. */
  messageRate: number
  /** Messages a connection may send at once before the rate applies. */
  messageBurst: number
  maxRoomsPerConnection: number
  maxConnectionsPerAddress: number
  /** Larger frames close the connection with 1009. */
  maxFrameBytes: number
  /** A connection silent this long (no frames, no pong to the server's ping) is closed. */
  idleTimeoutSeconds: number
  /** Bytes queued for a client that does not read before it is closed. */
  backpressureBytes: number
  /** Origins besides the page's own that may open /ws. */
  allowedOrigins: string[]
  /** How long after sending a message its author may edit it; 0: no limit. */
  editWindowSeconds: number
}

export const defaultLimits: Limits = {
  messageRate: 10,
  messageBurst: 20,
  maxRoomsPerConnection: 50,
  maxConnectionsPerAddress: 20,
  maxFrameBytes: 64 * 1024,
  idleTimeoutSeconds: 30,
  backpressureBytes: 1024 * 1024,
  allowedOrigins: [],
  editWindowSeconds: 900,
}
