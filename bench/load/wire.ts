// The wsx JSON wire format, written and read by hand: the load generator must stay cheaper
// than the servers it measures, so hot frames are built from templates and classified by
// searching bytes rather than parsed.

/** A frame as Bun's WebSocket client hands it over (binary frames arrive as Buffers). */
export type Frame = string | Buffer

/** A `request` envelope as JSON text. `payload` must already be JSON. */
export function requestFrame(event: string, id: string, payloadJson: string): string {
  return `{"v":"1.0","t":"request","x":"${event}","id":"${id}","w":${Date.now()},"p":${payloadJson}}`
}

/** The text of a timed chat message: the send time leads, so the reader finds it without parsing. */
function timedText(sentAt: number, room: string): string {
  return `${SENT_AT}${sentAt.toFixed(3)}; bench traffic for ${room}, nothing to read here`
}

/** A `sendMessage` request for `room` carrying the send time. Room names must be plain (no quotes). */
export function sendMessageFrame(id: string, room: string, sentAt: number): string {
  return requestFrame('sendMessage', id, `{"message":"${timedText(sentAt, room)}","room":"${room}"}`)
}

const SENT_AT = 'sent@'
const MESSAGE_PUSH = Buffer.from('"x":"message"')
/** Where `"x":"message"` sits when a push is written `{"v":"1.0","t":"send","x":"message",…`, as JSON.stringify writes it. */
const USUAL_OFFSET = '{"v":"1.0","t":"send",'.length
const ERROR_KIND = Buffer.from('"t":"response_error"')
const SENT_AT_FIELD = Buffer.from(`"message":"${SENT_AT}`)
const QUOTE = 0x22
const SEMICOLON = 0x3b

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

/** The send time a timed message push carries, or NaN. */
export function sentAtOf(frame: Frame): number {
  const data = bytes(frame)
  const start = data.indexOf(SENT_AT_FIELD)
  if (start === -1) return Number.NaN
  const from = start + SENT_AT_FIELD.length
  let end = from
  while (end < data.length && data[end] !== SEMICOLON && data[end] !== QUOTE) end++
  return Number(data.toString('latin1', from, end))
}

/** A frame as text, for the rare frames that are parsed. */
export function frameText(frame: Frame): string {
  return typeof frame === 'string' ? frame : frame.toString('utf8')
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
