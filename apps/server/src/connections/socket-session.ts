import type { ElysiaSocket, RawSocket } from '@parley/wsx/server'
import type { TokenBucket } from './token-bucket.ts'

/** A connection id: 16 hex digits, like Elysia's. */
function newConnectionId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex')
}

/** What sessions hand their socket's events to: a wsx handler, or one wrapped around it. */
export interface SessionHandler {
  open(session: SocketSession): void
  message(session: SocketSession, frame: string | Uint8Array): void
  close(session: SocketSession, code: number, reason: string): void
}

/**
 * The `data` of one upgraded socket, and the socket as wsx sees it. Elysia's Bun adapter
 * hands every socket event to `data.open`, `data.message`, `data.close`; upgrading with
 * this instead of `.ws()` spares the wrapper Elysia builds for each frame and the request
 * context it keeps for each connection, and hands frames to the handler as they came.
 * One object per connection carries what the server keeps outside wsx: the frame budget.
 */
export class SocketSession implements ElysiaSocket {
  readonly id = newConnectionId()
  /** Frames allowed now, whatever they carry. */
  readonly frames: TokenBucket
  readonly #handler: SessionHandler
  #raw: RawSocket | undefined

  constructor(handler: SessionHandler, frames: TokenBucket) {
    this.#handler = handler
    this.frames = frames
  }

  get raw(): RawSocket {
    if (!this.#raw) throw new Error('The socket is not open yet')
    return this.#raw
  }

  open(raw: RawSocket): void {
    this.#raw = raw
    this.#handler.open(this)
  }

  message(_raw: RawSocket, frame: string | Uint8Array): void {
    if (this.#raw) this.#handler.message(this, frame)
  }

  close(_raw: RawSocket, code: number, reason: string): void {
    if (this.#raw) this.#handler.close(this, code, reason)
  }
}
