// The wsx JSON wire format, written and read by hand: the load generator must stay cheaper
// than the servers it measures, so hot frames are built from templates and classified by
// searching bytes rather than parsed.
import { z } from 'zod'
import { type Dialect, type Frame, frameText, sentAtIn, timedText } from './dialect.ts'

export type { Frame } from './dialect.ts'
/** The send time a timed message push carries, or NaN. */
export const sentAtOf = sentAtIn

/** A `request` envelope as JSON text. `payload` must already be JSON. */
export function requestFrame(event: string, id: string, payloadJson: string): string {
  return `{"v":"1.0","t":"request","x":"${event}","id":"${id}","w":${Date.now()},"p":${payloadJson}}`
}

/** A `sendMessage` request for `room` carrying the send time. Room names must be plain (no quotes). */
export function sendMessageFrame(id: string, room: string, sentAt: number): string {
  return requestFrame('sendMessage', id, `{"message":"${timedText(sentAt, room)}","room":"${room}"}`)
}

const MESSAGE_PUSH = Buffer.from('"x":"message"')
/** Where `"x":"message"` sits when a push is written `{"v":"1.0","t":"send","x":"message",…`, as JSON.stringify writes it. */
const USUAL_OFFSET = '{"v":"1.0","t":"send",'.length
const ERROR_KIND = Buffer.from('"t":"response_error"')
const QUOTE = 0x22

function bytes(frame: Frame): Buffer {
  return typeof frame === 'string' ? Buffer.from(frame) : frame
}

/**
 * Whether a frame is a `message` push (a chat message delivered to a member). This runs for
 * every delivery, so the usual layout is checked in place before searching the frame.
 */
export function isMessagePush(frame: Frame): boolean {
  const data = bytes(frame)
  if (matchesAt(data, USUAL_OFFSET, MESSAGE_PUSH)) return true
  return data.indexOf(MESSAGE_PUSH) !== -1
}

function matchesAt(data: Buffer, offset: number, needle: Buffer): boolean {
  if (data.length < offset + needle.length) return false
  for (let i = 0; i < needle.length; i++) if (data[offset + i] !== needle[i]) return false
  return true
}

/** Whether a frame is a `response_error`. */
export function isErrorResponse(frame: Frame): boolean {
  return bytes(frame).indexOf(ERROR_KIND) !== -1
}

const responseSchema = z.object({
  t: z.enum(['response_ok', 'response_error']),
  id: z.string(),
  p: z.unknown().optional(),
  e: z.object({ message: z.string() }).optional(),
})

/** Tracked requests are numbered `q<n>`; hot-path sends `s<n>`, whose answers nobody waits for. */
export const wsx: Dialect = {
  name: 'wsx',
  request: (event, n, payloadJson) => requestFrame(event, `q${n}`, payloadJson),
  answerOf(frame) {
    let value: unknown
    try {
      value = JSON.parse(frameText(frame))
    } catch {
      return undefined
    }
    const response = responseSchema.safeParse(value)
    if (!response.success || !response.data.id.startsWith('q')) return undefined
    const n = Number(response.data.id.slice(1))
    return response.data.t === 'response_ok'
      ? { n, payload: response.data.p }
      : { n, error: response.data.e?.message ?? 'response_error' }
  },
  sendMessage: (n, room, sentAt) => sendMessageFrame(`s${n}`, room, sentAt),
  isMessagePush,
  isErrorResponse,
  sentAtOf: sentAtIn,
}

const USER_JOINED = Buffer.from('"x":"userJoined"')
const USER_LEFT = Buffer.from('"x":"userLeft"')
const USERNAME_FIELD = Buffer.from('"username":"')

/** A `userJoined` or `userLeft` push's kind and name, read without parsing; undefined for any other frame. */
export function presencePush(frame: Frame): { joined: boolean; username: string } | undefined {
  const data = bytes(frame)
  const joined = matchesAt(data, USUAL_OFFSET, USER_JOINED) || data.indexOf(USER_JOINED) !== -1
  if (!joined && !matchesAt(data, USUAL_OFFSET, USER_LEFT) && data.indexOf(USER_LEFT) === -1) return undefined
  const start = data.indexOf(USERNAME_FIELD)
  if (start === -1) return undefined
  const from = start + USERNAME_FIELD.length
  const end = data.indexOf(QUOTE, from)
  return { joined, username: data.toString('utf8', from, end) }
}
