// The Socket.IO peer: Socket.IO 4 on Node, doing what the baseline does and no more. `join`
// joins the socket to the room; `sendMessage` emits one `message` to the room with
// `io.to(room).emit` (the sender included) and acknowledges. Websocket transport only, no
// validation, no storage. Plain JavaScript, since Node 20 runs it as it is: `node
// socketio-server.mjs`, with PORT and HOST from the environment; it tells its port over
// Node's IPC channel, as the baseline and Parley do, when started by startServerProcess.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { Server } from 'socket.io'

// Read as one record, like the baseline: these variables steer this process, not turbo tasks.
const env = process.env
const seqs = new Map()

// Anything but Socket.IO's own path (the stall probe's requests) gets a plain 404.
const http = createServer((_request, response) => {
  response.writeHead(404).end('socket.io peer: /socket.io/ only')
})

// The same limits as the baseline's and Parley's defaults: 64 KB frames, no compression.
const io = new Server(http, {
  transports: ['websocket'],
  maxHttpBufferSize: 64 * 1024,
  perMessageDeflate: false,
  serveClient: false,
})

io.on('connection', (socket) => {
  let username = ''
  let joined
  socket.on('join', (payload, ack) => {
    if (typeof ack !== 'function') return
    if (typeof payload?.room !== 'string' || typeof payload.username !== 'string') {
      return ack({ ok: false, error: 'join needs a room and a username' })
    }
    username = payload.username
    joined = payload.room
    socket.join(payload.room)
    ack({ ok: true, success: true, message: `Welcome to ${payload.room}!`, users: [], room: payload.room, lastSeq: 0 })
  })
  socket.on('sendMessage', (payload, ack) => {
    if (typeof ack !== 'function') return
    if (typeof payload?.message !== 'string') return ack({ ok: false, error: 'sendMessage needs a message' })
    const room = typeof payload.room === 'string' ? payload.room : joined
    if (!room) return ack({ ok: false, error: 'Join a room before sending messages' })
    const seq = (seqs.get(room) ?? 0) + 1
    seqs.set(room, seq)
    const messageId = randomUUID()
    const timestamp = Date.now()
    io.to(room).emit('message', { messageId, username, message: payload.message, timestamp, room, seq })
    ack({ ok: true, messageId, timestamp, room, seq })
  })
})

http.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1', () => {
  console.log(`socket.io listening on http://localhost:${http.address().port}`)
  process.send?.({ listening: http.address().port })
})
process.once('SIGTERM', () => {
  io.close()
  process.exit(0)
})
