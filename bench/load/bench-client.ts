// One lean wsx client over Bun's WebSocket, speaking JSON: tracked requests for setup (join),
// untracked frames for the hot path, and every other frame handed to `onFrame` unparsed.
import { z } from 'zod'
import { type Frame, frameText, requestFrame } from './wire.ts'

const responseSchema = z.object({
  t: z.enum(['response_ok', 'response_error']),
  id: z.string(),
  p: z.unknown().optional(),
  e: z.object({ message: z.string() }).optional(),
})

export interface BenchClient {
  /** Every frame that is not the answer to a tracked request. Replace it to count. */
  onFrame: (frame: Frame) => void
  /** A request whose answer is awaited: rejects on `response_error`, timeout or close. */
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

/** Opens a client and resolves once the socket is open. */
export function openClient(url: string, timeoutMs = 10_000): Promise<BenchClient> {
  const ws = new WebSocket(url)
  ws.binaryType = 'nodebuffer'
  const pending = new Map<string, Pending>()
  let closeCode: number | undefined
  let bytesReceived = 0
  let markClosed: (code: number) => void = () => {}
  const closed = new Promise<number>((resolve) => {
    markClosed = resolve
  })

  const client: BenchClient = {
    onFrame: () => {},
    request(event, payload, requestTimeoutMs = 10_000) {
      const id = `q${++nextId}`
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`${event} unanswered after ${requestTimeoutMs} ms`))
        }, requestTimeoutMs)
        const settle = (done: () => void) => {
          clearTimeout(timer)
          pending.delete(id)
          done()
        }
        pending.set(id, {
          resolve: (value) => settle(() => resolve(value)),
          reject: (error) => settle(() => reject(error)),
        })
        ws.send(requestFrame(event, id, JSON.stringify(payload)))
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
    bytesReceived += typeof event.data === 'string' ? Buffer.byteLength(event.data) : event.data.length
    if (pending.size > 0 && answered(event.data)) return
    client.onFrame(event.data)
  }
  function answered(frame: Frame): boolean {
    let value: unknown
    try {
      value = JSON.parse(frameText(frame))
    } catch {
      return false
    }
    const response = responseSchema.safeParse(value)
    const waiting = response.success ? pending.get(response.data.id) : undefined
    if (!response.success || !waiting) return false
    if (response.data.t === 'response_ok') waiting.resolve(response.data.p)
    else waiting.reject(new Error(response.data.e?.message ?? 'response_error'))
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
      reject(new Error(`no connection to ${url} within ${timeoutMs} ms`))
    }, timeoutMs)
    ws.onopen = () => {
      clearTimeout(timer)
      resolve(client)
    }
    ws.onerror = () => {
      clearTimeout(timer)
      reject(new Error(`cannot connect to ${url}`))
    }
  })
}
