import type { ElysiaSocket, RawSocket, WsxHandler } from '@parley/wsx/server'

/** A connection id: 16 hex digits, like Elysia's. */
function newConnectionId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex')
}

/**
 * The `data` of one upgraded socket. Elysia's Bun adapter hands every socket event to
 * `data.open`, `data.message`, `data.close`; upgrading with this instead of `.ws()`
 * spares the wrapper Elysia builds for each frame and the request context it keeps
 * for each connection, and hands frames to the wsx handler as they came.
 */
export class SocketSession {
  readonly id = newConnectionId()
  readonly #handler: WsxHandler
  #socket: ElysiaSocket | undefined

  constructor(handler: WsxHandler) {
    this.#handler = handler
  }

  open(raw: RawSocket): void {
    this.#socket = { raw, id: this.id }
    this.#handler.open(this.#socket)
  }

  message(_raw: RawSocket, frame: string | Uint8Array): void {
    if (this.#socket) this.#handler.message(this.#socket, frame)
  }

  close(_raw: RawSocket, code: number, reason: string): void {
    if (this.#socket) this.#handler.close(this.#socket, code, reason)
  }
}
