// The ceiling: a bare Bun.serve speaking just enough of the wsx JSON protocol for the load
// generator. `join` subscribes to the room's topic; `sendMessage` publishes one `message`
// push to it with `server.publish` (the sender included) and answers. No framework, no
// validation, no storage. Run as its own process: PORT and HOST from the environment; it tells
// its port over Bun's IPC channel, as Parley does, when started by startServerProcess.
import type { ServerWebSocket } from 'bun'

interface Member {
  username: string
  room: string | undefined
}

const env: Record<string, string | undefined> = process.env
const encoder = new TextEncoder()
const seqs = new Map<string, number>()

function answer(ws: ServerWebSocket<Member>, x: unknown, id: unknown, p: unknown): void {
  ws.send(encoder.encode(JSON.stringify({ v: '1.0', t: 'response_ok', x, id, p })))
}

function refuse(ws: ServerWebSocket<Member>, x: unknown, id: unknown, message: string): void {
  ws.send(encoder.encode(JSON.stringify({ v: '1.0', t: 'response_error', x, id, e: { message } })))
}

function receive(ws: ServerWebSocket<Member>, frame: string | Buffer): void {
  let envelope: { t?: unknown; x?: unknown; id?: unknown; p?: Record<string, unknown> }
  try {
    envelope = JSON.parse(typeof frame === 'string' ? frame : frame.toString('utf8'))
  } catch {
    return ws.close(1007, 'Frame is not JSON')
  }
  const { t, x, id, p } = envelope
  if (t !== 'request' || typeof p !== 'object' || p === null) return
  if (x === 'join' && typeof p.room === 'string' && typeof p.username === 'string') {
    ws.data.username = p.username
    ws.data.room = p.room
    ws.subscribe(p.room)
    return answer(ws, x, id, { success: true, message: `Welcome to ${p.room}!`, users: [], room: p.room, lastSeq: 0 })
  }
  if (x === 'sendMessage' && typeof p.message === 'string') {
    const room = typeof p.room === 'string' ? p.room : ws.data.room
    if (!room) return refuse(ws, x, id, 'Join a room before sending messages')
    const seq = (seqs.get(room) ?? 0) + 1
    seqs.set(room, seq)
    const messageId = crypto.randomUUID()
    const timestamp = Date.now()
    const push = { messageId, username: ws.data.username, message: p.message, timestamp, room, seq }
    server.publish(room, encoder.encode(JSON.stringify({ v: '1.0', t: 'send', x: 'message', p: push })))
    return answer(ws, x, id, { messageId, timestamp, room, seq })
  }
  refuse(ws, x, id, `Unknown request ${JSON.stringify(x)}`)
}

const server = Bun.serve<Member>({
  port: Number(env.PORT ?? 0),
  hostname: env.HOST ?? '127.0.0.1',
  fetch(request, bun) {
    if (bun.upgrade(request, { data: { username: '', room: undefined } })) return undefined
    return new Response('baseline: /ws only', { status: 404 })
  },
  // The same socket limits as Parley's defaults, so neither side gets an easier deal.
  websocket: {
    maxPayloadLength: 64 * 1024,
    idleTimeout: 30,
    sendPings: true,
    backpressureLimit: 1024 * 1024,
    closeOnBackpressureLimit: true,
    message: receive,
  },
})

console.log(`baseline listening on http://localhost:${server.port}`)
process.send?.({ listening: server.port })
process.once('SIGTERM', () => {
  server.stop(true)
  process.exit(0)
})
