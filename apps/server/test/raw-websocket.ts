import { connect } from 'node:net'

/** A raw WebSocket opened by `openRawWebSocket`. */
export type RawWebSocket = Awaited<ReturnType<typeof openRawWebSocket>>

/**
 * A WebSocket client written by hand over TCP, for tests that need what real clients
 * will not do: stop reading, never answer a ping, or send invalid bytes.
 */
export async function openRawWebSocket(port: number, headers: Record<string, string> = {}) {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra.join('')}\r\n`,
  )
  const status = await new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString())))
  if (!status.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${status.split('\r\n')[0]}`)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return {
    socket,
    closed,
    /** Sends one masked frame, as a client must. */
    sendFrame(opcode: number, payload: Uint8Array): void {
      socket.write(frame(opcode, payload))
    },
    sendText(text: string): void {
      socket.write(frame(0x1, new TextEncoder().encode(text)))
    },
    /** Stops reading: the kernel buffers fill and the server sees backpressure. */
    stopReading(): void {
      socket.pause()
    },
  }
}

function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4))
  const length = payload.length
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8
  const header = new Uint8Array(2 + lengthBytes + 4)
  const view = new DataView(header.buffer)
  header[0] = 0x80 | opcode
  if (lengthBytes === 0) header[1] = 0x80 | length
  else if (lengthBytes === 2) {
    header[1] = 0x80 | 126
    view.setUint16(2, length)
  } else {
    header[1] = 0x80 | 127
    view.setBigUint64(2, BigInt(length))
  }
  header.set(mask, 2 + lengthBytes)
  const masked = payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0))
  const out = new Uint8Array(header.length + masked.length)
  out.set(header)
  out.set(masked, header.length)
  return out
}
