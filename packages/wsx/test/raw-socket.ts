import { Decoder } from 'cbor-x/decode'
import { Encoder } from 'cbor-x/encode'

const upstreamDecoder = new Decoder({ mapsAsObjects: false })
const defaultEncoder = new Encoder()

/** A bare WebSocket speaking raw frames; `await using` closes it at the end of the scope. */
export interface RawTestSocket extends AsyncDisposable {
  readonly ws: WebSocket
  /** Settles when the socket has closed, from either side. */
  readonly closed: Promise<CloseEvent>
  /** Sends an object as cbor-x's default Encoder writes it. */
  sendCbor(value: unknown): void
  /** Sends an object as JSON, in a binary frame or (`asText`) a text frame. */
  sendJson(value: unknown, asText?: boolean): void
  /** The next decoded frame (fails the test after `ms`). */
  next(ms?: number): Promise<unknown>
  /** How many decoded frames wait unread. */
  pendingCount(): number
}

function decode(data: ArrayBuffer | string): unknown {
  if (typeof data === 'string') return JSON.parse(data)
  const bytes = new Uint8Array(data)
  return bytes[0] === 0x7b ? JSON.parse(new TextDecoder().decode(bytes)) : upstreamDecoder.decode(bytes)
}

/** Opens a bare WebSocket that decodes what comes back like an @mdrv/wsx client. */
export async function openRawSocket(url: string): Promise<RawTestSocket> {
  const ws = new WebSocket(url)
  ws.binaryType = 'arraybuffer'
  const inbox: unknown[] = []
  const waiters: ((value: unknown) => void)[] = []
  ws.onmessage = (event) => {
    const value = decode(event.data)
    const waiter = waiters.shift()
    if (waiter) waiter(value)
    else inbox.push(value)
  }
  const closed = new Promise<CloseEvent>((resolve) => {
    ws.onclose = resolve
  })
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve()
    ws.onerror = () => reject(new Error('could not connect'))
  })
  return {
    ws,
    closed,
    sendCbor: (value) => ws.send(defaultEncoder.encode(value)),
    sendJson: (value, asText = false) =>
      ws.send(asText ? JSON.stringify(value) : new TextEncoder().encode(JSON.stringify(value))),
    next(ms = 2_000) {
      if (inbox.length > 0) return Promise.resolve(inbox.shift())
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no frame arrived')), ms)
        waiters.push((value) => {
          clearTimeout(timer)
          resolve(value)
        })
      })
    },
    pendingCount: () => inbox.length,
    async [Symbol.asyncDispose]() {
      ws.close()
      await closed
    },
  }
}

/** A wsx request envelope, as an @mdrv/wsx client writes it. */
export function request(x: string, p: unknown, id = 'r1') {
  return { v: '1.0', t: 'request', x, id, w: 1_700_000_000_000, p }
}
