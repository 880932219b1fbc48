// What the load generator needs to speak to a server: how a request and a timed message are
// framed, how answers and deliveries are told apart, and any handshake or keep-alive the
// protocol asks of a client. The wsx JSON protocol (Parley, the baseline) and Socket.IO's
// (the Socket.IO peer) each have one.

/** A frame as Bun's WebSocket client hands it over (binary frames arrive as Buffers). */
export type Frame = string | Buffer

/** The answer to a tracked request. */
export interface Answer {
  /** The number the request was sent with. */
  n: number
  /** The refusal's words, when it was refused. */
  error?: string
  payload?: unknown
}

export interface Dialect {
  /** For logs: "wsx" or "socket.io". */
  readonly name: string
  /** A request numbered `n`, whose answer `answerOf` will recognise. `payloadJson` must already be JSON. */
  request(event: string, n: number, payloadJson: string): string
  /** The answer a frame carries, if it is one (parsed: for setup, not the hot path). */
  answerOf(frame: Frame): Answer | undefined
  /** A `sendMessage` numbered `n` for `room` carrying the send time. Room names must be plain (no quotes). */
  sendMessage(n: number, room: string, sentAt: number): string
  /** Whether a frame is a delivered chat message. Runs for every delivery: cheap checks first. */
  isMessagePush(frame: Frame): boolean
  /** Whether a frame refuses a request. */
  isErrorResponse(frame: Frame): boolean
  /** The send time a timed message push carries, or NaN. */
  sentAtOf(frame: Frame): number
  /**
   * After the socket opens, each frame until this says `ready`: what to answer (if anything).
   * Without it, the client is ready once the socket opens.
   */
  handshake?(frame: Frame): { reply?: string; ready: boolean }
  /** The answer to a keep-alive frame (a ping) the client must give itself, or undefined. */
  replyTo?(frame: Frame): string | undefined
}

const SENT_AT = 'sent@'

/** The text of a timed chat message: the send time leads, so the reader finds it without parsing. */
export function timedText(sentAt: number, room: string): string {
  return `${SENT_AT}${sentAt.toFixed(3)}; bench traffic for ${room}, nothing to read here`
}

const SENT_AT_FIELD = `"message":"${SENT_AT}`
const SENT_AT_BYTES = Buffer.from(SENT_AT_FIELD)
const QUOTE = 0x22
const SEMICOLON = 0x3b

/** The send time in a pushed message's `"message":"sent@…;` field, text or bytes alike, or NaN. */
export function sentAtIn(frame: Frame): number {
  if (typeof frame === 'string') {
    const start = frame.indexOf(SENT_AT_FIELD)
    if (start === -1) return Number.NaN
    const from = start + SENT_AT_FIELD.length
    const end = frame.indexOf(';', from)
    return Number(frame.slice(from, end === -1 ? undefined : end))
  }
  const start = frame.indexOf(SENT_AT_BYTES)
  if (start === -1) return Number.NaN
  const from = start + SENT_AT_BYTES.length
  let end = from
  while (end < frame.length && frame[end] !== SEMICOLON && frame[end] !== QUOTE) end++
  return Number(frame.toString('latin1', from, end))
}

/** A frame as text, for the rare frames that are parsed. */
export function frameText(frame: Frame): string {
  return typeof frame === 'string' ? frame : frame.toString('utf8')
}
