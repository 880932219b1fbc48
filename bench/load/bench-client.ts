// One lean client over Bun's WebSocket, in the server's own dialect (wsx or Socket.IO):
// tracked requests for setup (join), untracked frames for the hot path, and every other frame
// handed to `onFrame` unparsed.
import type { Dialect, Frame } from './dialect.ts'

/** Where a client connects, and in which dialect: a BenchServer is one. */
export interface ClientTarget {
  readonly url: string
  readonly dialect: Dialect
}

export interface BenchClient {
  readonly dialect: Dialect
  /** Every frame that is not the answer to a tracked request. Replace it to count. */
  onFrame: (frame: Frame) => void
  /** A request whose answer is awaited: rejects on a refusal, timeout or close. */
  request(event: string, payload: unknown, timeoutMs?: number): Promise<unknown>
  /** Sends a prepared frame without waiting for anything. */
  send(frame: string | Uint8Array): void
  readonly isOpen: boolean
  /** Bytes of every frame received so far, answers included. */
  readonly bytesReceived: number
  /** The close code once closed. */
  readonly closeCode: number | undefined
  readonly closed: Promise<number>
  close(): void
}

interface Pending {
  resolve(payload: unknown): void
  reject(error: Error): void
}

let nextId = 0

/** Opens a client and resolves once the socket is open and, in a dialect with one, the handshake is done. */
export function openClient({ url, dialect }: ClientTarget, timeoutMs = 10_000): Promise<BenchClient> {
  const ws = new WebSocket(url)
  ws.binaryType = 'nodebuffer'
  const pending = new Map<number, Pending>()
  let closeCode: number | undefined
  let bytesReceived = 0
  let markClosed: (code: number) => void = () => {}
  const closed = new Promise<number>((resolve) => {
    markClosed = resolve
  })
  const { handshake, replyTo } = dialect
  let ready = handshake === undefined
  let markReady: () => void = () => {}

  const client: BenchClient = {
    dialect,
    onFrame: () => {},
    request(event, payload, requestTimeoutMs = 10_000) {
      const n = ++nextId
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(n)
          reject(new Error(`${event} unanswered after ${requestTimeoutMs} ms`))
        }, requestTimeoutMs)
        const settle = (done: () => void) => {
          clearTimeout(timer)
          pending.delete(n)
          done()
        }
        pending.set(n, {
          resolve: (value) => settle(() => resolve(value)),
          reject: (error) => settle(() => reject(error)),
        })
        ws.send(dialect.request(event, n, JSON.stringify(payload)))
      })
    },
    send: (frame) => ws.send(frame),
    get isOpen() {
      return ws.readyState === WebSocket.OPEN
    },
    get bytesReceived() {
      return bytesReceived
    },
    get closeCode() {
      return closeCode
    },
    closed,
    close: () => ws.close(1000),
  }

  ws.onmessage = (event: MessageEvent<Frame>) => {
    const frame = event.data
    bytesReceived += typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length
    if (!ready && handshake) {
      const step = handshake(frame)
      if (step.reply !== undefined) ws.send(step.reply)
      if (step.ready) {
        ready = true
        markReady()
      }
      return
    }
    const reply = replyTo?.(frame)
    if (reply !== undefined) return ws.send(reply)
    if (pending.size > 0 && answered(frame)) return
    client.onFrame(frame)
  }
  function answered(frame: Frame): boolean {
    const answer = dialect.answerOf(frame)
    const waiting = answer && pending.get(answer.n)
    if (!answer || !waiting) return false
    if (answer.error === undefined) waiting.resolve(answer.payload)
    else waiting.reject(new Error(answer.error))
    return true
  }
  ws.onclose = (event) => {
    closeCode = event.code
    for (const waiting of pending.values()) waiting.reject(new Error(`closed with ${event.code}`))
    markClosed(event.code)
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close()
      reject(new Error(`no ${dialect.name} connection to ${url} within ${timeoutMs} ms`))
    }, timeoutMs)
    const open = () => {
      clearTimeout(timer)
      resolve(client)
    }
    ws.onopen = () => {
      if (ready) open()
      else markReady = open
    }
    ws.onerror = () => {
      clearTimeout(timer)
      reject(new Error(`cannot connect to ${url}`))
    }
  })
}
