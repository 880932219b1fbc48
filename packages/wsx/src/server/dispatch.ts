import { CloseCode } from '../shared/close-codes.ts'
import type { EventDefinitions } from '../shared/events.ts'
import {
  describeIssues,
  issuesCause,
  majorOf,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  type WireMessage,
  wireMessageSchema,
} from '../shared/protocol.ts'
import { type Encoding, encodingOf, serializers, toFrame } from '../shared/serializers.ts'
import type { Connection } from './connection.ts'
import type { WsxProblem } from './types.ts'

const CLOSE_INVALID_FRAME = CloseCode.invalidFrame

type AnyConnection = Connection<EventDefinitions, unknown>
type Handler = (payload: unknown, conn: AnyConnection) => unknown

export interface DispatchContext {
  readonly events: EventDefinitions
  readonly validate: boolean
  readonly validateResponses: boolean
  readonly requestHandlers: ReadonlyMap<string, Handler>
  readonly sendHandlers: ReadonlyMap<string, readonly Handler[]>
  debug(...args: unknown[]): void
  report(problem: WsxProblem): void
}

/**
 * Decodes one frame and runs it: answers every request with exactly one response,
 * closes the socket with 1007 on a frame that is not a wsx message. Returns a promise
 * while an async handler is still running. When the connection is `overloaded`,
 * requests are refused and sends dropped without running their handlers.
 */
export function dispatchFrame(
  ctx: DispatchContext,
  conn: AnyConnection,
  received: unknown,
  overloaded = false,
): void | Promise<void> {
  const decoded = decodeReceived(received)
  if (!decoded) {
    ctx.report({ kind: 'undecodable', connectionId: conn.id })
    return conn.close(CLOSE_INVALID_FRAME, 'Frame is not valid CBOR or JSON')
  }
  conn.useEncoding(decoded.encoding)

  const parsed = wireMessageSchema.safeParse(decoded.value)
  if (!parsed.success) {
    const partial = requestIdentity(decoded.value)
    ctx.report({ kind: 'not-envelope', connectionId: conn.id, event: partial?.x })
    if (partial) return respondError(conn, partial, `Invalid message: ${describeIssues(parsed.error.issues)}`)
    return conn.close(CLOSE_INVALID_FRAME, 'Frame is not a wsx message')
  }
  const message = parsed.data
  ctx.debug('←', conn.id, message)
  if (message.t === 'response_ok' || message.t === 'response_error') return
  if (message.t === 'request' && message.id === undefined) {
    ctx.report({ kind: 'not-envelope', connectionId: conn.id, event: message.x })
    return conn.close(CLOSE_INVALID_FRAME, 'Request without an id')
  }
  if (majorOf(message.v) !== PROTOCOL_MAJOR) {
    ctx.report({ kind: 'version', connectionId: conn.id, event: message.x })
    if (message.t === 'request') {
      respondError(
        conn,
        message,
        `Protocol version ${message.v} is not supported; this server speaks wsx ${PROTOCOL_VERSION}`,
      )
    }
    return
  }
  if (overloaded) {
    ctx.report({ kind: 'overloaded', connectionId: conn.id, event: message.x })
    if (message.t === 'request') respondError(conn, message, 'Too many requests in flight: wait for answers first')
    return
  }
  return message.t === 'request' ? runRequest(ctx, conn, message) : runSend(ctx, conn, message)
}

/** Elysia hands over Buffers for binary frames, and pre-parses text frames that look like JSON. */
function decodeReceived(received: unknown): { encoding: Encoding; value: unknown } | undefined {
  if (typeof received === 'string' || received instanceof ArrayBuffer || ArrayBuffer.isView(received)) {
    const frame = toFrame(received)
    const encoding = encodingOf(frame)
    try {
      return { encoding, value: serializers[encoding].decode(frame) }
    } catch {
      return undefined
    }
  }
  return { encoding: 'json', value: received }
}

type Identity = Pick<WireMessage, 'x' | 'id' | 'w'>

/** The `x`, `id` and `w` of something that tried to be a request, so it can be answered. */
function requestIdentity(value: unknown): Identity | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { t, x, id, w } = value as Record<string, unknown>
  if (t !== 'request' || typeof id !== 'string') return undefined
  return { x: typeof x === 'string' ? x : '', id, w: typeof w === 'number' ? w : undefined }
}

function respondError(conn: AnyConnection, request: Identity, reason: string, cause?: unknown): void {
  const response = answerTo(request, 'response_error')
  response.e = cause === undefined ? { message: reason } : { message: reason, cause }
  conn.sendMessage(response)
}

/** A response envelope echoing the request's `x`, `id` and `w`. */
function answerTo(request: Identity, t: 'response_ok' | 'response_error'): WireMessage {
  const response: WireMessage = { v: PROTOCOL_VERSION, t, x: request.x, id: request.id }
  if (request.w !== undefined) response.w = request.w
  return response
}

function ownDefinition(ctx: DispatchContext, event: string) {
  return Object.hasOwn(ctx.events, event) ? ctx.events[event] : undefined
}

function quote(event: string): string {
  return JSON.stringify(event.length > 64 ? `${event.slice(0, 64)}…` : event)
}

function runRequest(ctx: DispatchContext, conn: AnyConnection, message: WireMessage): void | Promise<void> {
  const handler = ctx.requestHandlers.get(message.x)
  const definition = ownDefinition(ctx, message.x)
  if (!handler || !definition) {
    ctx.report({ kind: 'unknown-event', connectionId: conn.id, event: message.x })
    return respondError(conn, message, `Unknown request ${quote(message.x)}`)
  }

  let payload = message.p
  if (ctx.validate && definition.request) {
    const checked = definition.request.safeParse(message.p)
    if (!checked.success) {
      const issues = checked.error.issues
      ctx.report({ kind: 'invalid-payload', connectionId: conn.id, event: message.x })
      return respondError(conn, message, `Invalid ${message.x}: ${describeIssues(issues)}`, issuesCause(issues))
    }
    payload = checked.data
  }

  const answer = (result: unknown) => respondOk(ctx, conn, message, result)
  const fail = (error: unknown) => {
    ctx.report({ kind: 'handler-error', connectionId: conn.id, event: message.x, error })
    respondError(conn, message, error instanceof Error && error.message ? error.message : `${message.x} failed`)
  }
  try {
    const result = handler(payload, conn)
    if (result instanceof Promise) return result.then(answer, fail)
    answer(result)
  } catch (error) {
    fail(error)
  }
}

function respondOk(ctx: DispatchContext, conn: AnyConnection, request: WireMessage, result: unknown): void {
  let p = result
  const schema = ownDefinition(ctx, request.x)?.response
  if (ctx.validateResponses && schema) {
    const checked = schema.safeParse(result)
    if (!checked.success) {
      ctx.report({ kind: 'invalid-response', connectionId: conn.id, event: request.x, error: checked.error })
      return respondError(conn, request, `The server produced an invalid ${request.x} response`)
    }
    p = checked.data
  }
  const response = answerTo(request, 'response_ok')
  if (p !== undefined) response.p = p
  try {
    conn.sendMessage(response)
  } catch (error) {
    ctx.report({ kind: 'invalid-response', connectionId: conn.id, event: request.x, error })
    respondError(conn, request, `The server could not encode the ${request.x} response`)
  }
}

function runSend(ctx: DispatchContext, conn: AnyConnection, message: WireMessage): void | Promise<void> {
  const handlers = ctx.sendHandlers.get(message.x)
  const definition = ownDefinition(ctx, message.x)
  if (!handlers || !definition) return ctx.report({ kind: 'unknown-event', connectionId: conn.id, event: message.x })

  let payload = message.p
  if (ctx.validate && definition.request) {
    const checked = definition.request.safeParse(message.p)
    if (!checked.success) return ctx.report({ kind: 'invalid-payload', connectionId: conn.id, event: message.x })
    payload = checked.data
  }
  const fail = (error: unknown) => ctx.report({ kind: 'handler-error', connectionId: conn.id, event: message.x, error })
  const pending: Promise<unknown>[] = []
  for (const handler of handlers) {
    try {
      const result = handler(payload, conn)
      if (result instanceof Promise) pending.push(result.catch((error) => fail(error)))
    } catch (error) {
      fail(error)
    }
  }
  if (pending.length > 0) return Promise.all(pending).then(() => undefined)
}
