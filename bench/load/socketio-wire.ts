// Socket.IO 5 over Engine.IO 4, on a plain WebSocket (the websocket transport, no polling),
// written and read by hand as the wsx frames are: cheaper than socket.io-client, so the
// load generator is not what limits the Socket.IO peer. One Engine.IO packet per WebSocket
// frame: `0{…}` open (server), `40` connect to the main namespace (client, answered by
// `40{…}`), `2` ping (server) answered by `3` pong, `42[event, payload]` an event,
// `42<n>[event, payload]` an event whose acknowledgement is `43<n>[answer]`.
import { z } from 'zod'
import { type Dialect, type Frame, frameText, sentAtIn, timedText } from './dialect.ts'

/** The path and query of Socket.IO's websocket transport, after the server's address. */
export const SOCKET_IO_PATH = '/socket.io/?EIO=4&transport=websocket'

const MESSAGE_EVENT = '42["message",'
const ACK = '43'
/** The peer acknowledges with `{ ok: false, error }` when it refuses. */
const REFUSED = '"ok":false'

const ackSchema = z.tuple([z.object({ ok: z.boolean(), error: z.string().optional() }).loose()])

export const socketIo: Dialect = {
  name: 'socket.io',
  request: (event, n, payloadJson) => `42${n}["${event}",${payloadJson}]`,
  answerOf(frame) {
    const text = frameText(frame)
    const match = /^43(\d+)(\[.*)$/s.exec(text)
    if (!match) return undefined
    let value: unknown
    try {
      value = JSON.parse(match[2] ?? '')
    } catch {
      return undefined
    }
    const answer = ackSchema.safeParse(value)
    const n = Number(match[1])
    if (!answer.success) return { n, error: 'an acknowledgement that is not { ok, … }' }
    const [payload] = answer.data
    return payload.ok ? { n, payload } : { n, error: payload.error ?? 'refused' }
  },
  sendMessage: (n, room, sentAt) => `42${n}["sendMessage",{"message":"${timedText(sentAt, room)}","room":"${room}"}]`,
  isMessagePush: (frame: Frame) => typeof frame === 'string' && frame.startsWith(MESSAGE_EVENT),
  isErrorResponse: (frame: Frame) => {
    const text = frameText(frame)
    return text.startsWith(ACK) && text.includes(REFUSED)
  },
  sentAtOf: sentAtIn,
  handshake(frame) {
    const text = frameText(frame)
    // The open packet: connect to the main namespace; its answer `40{"sid":…}` makes the client ready.
    if (text.startsWith('0{')) return { reply: '40', ready: false }
    return { ready: text.startsWith('40') }
  },
  replyTo: (frame) => (frame === '2' ? '3' : undefined),
}
