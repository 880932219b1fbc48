import { CloseCode } from '../shared/close-codes.ts'
import { WsxError } from '../shared/errors.ts'
import type { EventDefinitions } from '../shared/events.ts'
import {
  describeIssues,
  issuesCause,
  PROTOCOL_VERSION,
  type WireMessage,
  wireMessageSchema,
} from '../shared/protocol.ts'
import { encodingOf, serializers, toFrame } from '../shared/serializers.ts'
import { reconnectDelay } from './backoff.ts'
import type { ClientOptions, CloseInfo, ConnectionStatus, RequestOptions, WsxClient } from './types.ts'

/** A connection that stays up this long resets the backoff. */
const STABLE_AFTER_MS = 5_000
const CLOSED = 3

type Url = string | (() => string | Promise<string>)
type Listener = (payload: unknown) => void

interface PendingRequest {
  event: string
  resolve(value: unknown): void
  reject(error: WsxError): void
  timer: ReturnType<typeof setTimeout>
  /** Written to a socket; lost if that socket closes before the answer. */
  sent: boolean
}

interface Outgoing {
  frame: Uint8Array | string
  requestId?: string
}

/**
 * Creates a typed wsx client for the browser or Bun. It reconnects with backoff,
 * queues what is sent while disconnected, and validates both ways.
 */
export function createClient<const E extends EventDefinitions>(
  url: Url,
  events: E,
  options: ClientOptions = {},
): WsxClient<E> {
  const validate = options.validate ?? true
  const serializer = serializers[options.serializer ?? 'cbor']
  const defaultTimeout = options.timeout ?? 30_000
  const connectTimeout = options.connectTimeout ?? 4_000
  const reconnect = options.reconnect ?? true
  const firstRetry = options.firstRetryDelay ?? 500
  const restartSpread = options.restartRetrySpread ?? 3_000
  const maxRetry = options.maxRetryDelay ?? 10_000
  const debug = options.debug ? (...args: unknown[]) => console.debug('[wsx]', ...args) : () => {}

  let socket: WebSocket | undefined
  let status: ConnectionStatus = 'closed'
  let wanted = false
  /** Set by `close()` until the next `connect()`: requests and sends then fail at once. */
  let closeCalled = false
  let attempt = 0
  let hasOpened = false
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let stableTimer: ReturnType<typeof setTimeout> | undefined
  let outbox: Outgoing[] = []
  const pending = new Map<string, PendingRequest>()
  const listeners = new Map<string, Set<Listener>>()
  const openHandlers = new Set<() => void>()
  const closeHandlers = new Set<(info: CloseInfo) => void>()
  const errorHandlers = new Set<(error: Error) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  const idPrefix = Math.random().toString(36).slice(2, 10)
  let nextId = 0

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return
    status = next
    for (const listener of statusListeners) guard(() => listener(next))
  }

  function emitError(error: Error): void {
    debug('error', error)
    for (const handler of errorHandlers) guard(() => handler(error))
  }

  function guard(run: () => void): void {
    try {
      run()
    } catch (error) {
      console.error('[wsx] handler failed', error)
    }
  }

  function definitionOf(event: string) {
    return Object.hasOwn(events, event) ? events[event] : undefined
  }

  async function openSocket(): Promise<void> {
    setStatus(hasOpened ? 'reconnecting' : 'connecting')
    let target: string
    try {
      target = typeof url === 'function' ? await url() : url
    } catch (error) {
      emitError(error instanceof Error ? error : new Error(String(error)))
      return scheduleReconnect()
    }
    if (!wanted || socket) return
    let ws: WebSocket
    try {
      ws = new WebSocket(target)
    } catch (error) {
      emitError(error instanceof Error ? error : new Error(String(error)))
      return scheduleReconnect()
    }
    ws.binaryType = 'arraybuffer'
    socket = ws
    const giveUp = setTimeout(() => ws.close(), connectTimeout)

    ws.onopen = () => {
      clearTimeout(giveUp)
      hasOpened = true
      setStatus('open')
      stableTimer = setTimeout(() => {
        attempt = 0
      }, STABLE_AFTER_MS)
      for (const handler of openHandlers) guard(handler)
      flush(ws)
    }
    ws.onmessage = (event: MessageEvent) => receive(event.data)
    ws.onerror = () => emitError(new Error('WebSocket error'))
    ws.onclose = (event: CloseEvent) => {
      clearTimeout(giveUp)
      forget(ws, { code: event.code, reason: event.reason })
      if (wanted && reconnect) scheduleReconnect(event.code)
      else {
        wanted = false
        setStatus('closed')
      }
    }
  }

  /** Lets go of a socket that closed (or is being dropped): what was sent on it will get no answer. */
  function forget(ws: WebSocket, info: CloseInfo): void {
    clearTimeout(stableTimer)
    if (socket === ws) socket = undefined
    for (const [id, request] of pending) {
      if (request.sent)
        settle(id, () => request.reject(new WsxError('closed', 'The connection closed before an answer')))
    }
    debug('close', info.code, info.reason)
    for (const handler of closeHandlers) guard(() => handler(info))
  }

  /**
   * After a server restart every client comes back at once unless told apart: a 1012
   * or 1001 close spreads the first retry over `restartRetrySpread` instead.
   */
  function scheduleReconnect(closeCode?: number): void {
    if (!wanted) return
    setStatus('reconnecting')
    const restarting = closeCode === CloseCode.serviceRestart || closeCode === CloseCode.goingAway
    const delay = reconnectDelay(attempt, restarting && attempt === 0 ? restartSpread : firstRetry, maxRetry)
    attempt += 1
    debug('reconnecting in', delay, 'ms')
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      void openSocket()
    }, delay)
  }

  function flush(ws: WebSocket): void {
    const waiting = outbox
    outbox = []
    for (const item of waiting) write(ws, item)
  }

  function write(ws: WebSocket, item: Outgoing): void {
    ws.send(item.frame)
    const request = item.requestId === undefined ? undefined : pending.get(item.requestId)
    if (request) request.sent = true
  }

  function transmit(item: Outgoing): void {
    if (socket && socket.readyState === WebSocket.OPEN && status === 'open') write(socket, item)
    else outbox.push(item)
  }

  function settle(id: string, finish: () => void): void {
    const request = pending.get(id)
    if (!request) return
    clearTimeout(request.timer)
    pending.delete(id)
    finish()
  }

  function receive(data: unknown): void {
    let decoded: unknown
    try {
      const frame = toFrame(data as ArrayBuffer | string)
      decoded = serializers[encodingOf(frame)].decode(frame)
    } catch {
      return emitError(new WsxError('protocol', 'Received a frame that is not valid CBOR or JSON'))
    }
    const parsed = wireMessageSchema.safeParse(decoded)
    if (!parsed.success) return emitError(new WsxError('protocol', 'Received a frame that is not a wsx message'))
    const message = parsed.data
    debug('←', message)
    if (message.t === 'send') return deliverPush(message)
    if (message.t === 'request' || message.id === undefined) return
    const request = pending.get(message.id)
    if (!request) return
    if (message.t === 'response_error') {
      const reason = message.e?.message ?? `${request.event} failed`
      return settle(message.id, () => request.reject(new WsxError('remote', reason, message.e?.cause)))
    }
    const schema = definitionOf(request.event)?.response
    if (validate && schema) {
      const checked = schema.safeParse(message.p)
      if (!checked.success) {
        const reason = `Invalid ${request.event} response: ${describeIssues(checked.error.issues)}`
        return settle(message.id, () =>
          request.reject(new WsxError('validation', reason, issuesCause(checked.error.issues))),
        )
      }
      return settle(message.id, () => request.resolve(checked.data))
    }
    settle(message.id, () => request.resolve(message.p))
  }

  function deliverPush(message: WireMessage): void {
    const handlers = listeners.get(message.x)
    if (!handlers || handlers.size === 0) return
    let payload = message.p
    const schema = definitionOf(message.x)?.request
    if (validate && schema) {
      const checked = schema.safeParse(message.p)
      if (!checked.success) {
        return emitError(
          new WsxError('validation', `Invalid ${message.x} push: ${describeIssues(checked.error.issues)}`),
        )
      }
      payload = checked.data
    }
    for (const handler of [...handlers]) guard(() => handler(payload))
  }

  /** Validates an outgoing payload; throws a WsxError naming the field. */
  function checkPayload(event: string, payload: unknown): void {
    const schema = definitionOf(event)?.request
    if (!validate || !schema) return
    const checked = schema.safeParse(payload)
    if (!checked.success) {
      const issues = checked.error.issues
      throw new WsxError('validation', `Invalid ${event}: ${describeIssues(issues)}`, issuesCause(issues))
    }
  }

  function encode(message: WireMessage): Uint8Array | string {
    debug('→', message)
    return serializer.encode(message)
  }

  const client: WsxClient<E> = {
    get status() {
      return status
    },
    get readyState() {
      return socket?.readyState ?? CLOSED
    },
    connect() {
      if (wanted) return
      wanted = true
      closeCalled = false
      attempt = 0
      void openSocket()
    },
    close(code = 1000, reason = '') {
      wanted = false
      closeCalled = true
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
      outbox = []
      for (const [id, request] of pending) {
        settle(id, () =>
          request.reject(new WsxError('closed', `The client was closed before ${request.event} was answered`)),
        )
      }
      if (socket) socket.close(code, reason)
      else setStatus('closed')
    },
    reconnect() {
      if (!wanted) return client.connect()
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
      attempt = 0
      const ws = socket
      if (ws) {
        ws.onopen = null
        ws.onmessage = null
        ws.onerror = null
        ws.onclose = null
        ws.close(4000, 'Reconnecting')
        forget(ws, { code: 4000, reason: 'Reconnecting' })
      }
      void openSocket()
    },
    request(event, payload, requestOptions: RequestOptions = {}) {
      return new Promise((resolve, reject) => {
        if (closeCalled) throw new WsxError('closed', `Cannot request ${event}: the client was closed`)
        checkPayload(event, payload)
        const id = requestOptions.requestId ?? `${idPrefix}-${nextId++}`
        const frame = encode({ v: PROTOCOL_VERSION, t: 'request', x: event, id, w: Date.now(), p: payload })
        const timeout = requestOptions.timeout ?? defaultTimeout
        const timer = setTimeout(() => {
          outbox = outbox.filter((item) => item.requestId !== id)
          settle(id, () => reject(new WsxError('timeout', `No answer to ${event} within ${timeout} ms`)))
        }, timeout)
        pending.set(id, { event, resolve: resolve as (value: unknown) => void, reject, timer, sent: false })
        transmit({ frame, requestId: id })
      })
    },
    send(event, payload) {
      if (closeCalled) throw new WsxError('closed', `Cannot send ${event}: the client was closed`)
      checkPayload(event, payload)
      transmit({ frame: encode({ v: PROTOCOL_VERSION, t: 'send', x: event, p: payload }) })
    },
    on(event, handler) {
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(handler as Listener)
      listeners.set(event, set)
      return () => client.off(event, handler)
    },
    off(event, handler) {
      listeners.get(event)?.delete(handler as Listener)
    },
    onOpen(handler) {
      openHandlers.add(handler)
      return () => openHandlers.delete(handler)
    },
    onClose(handler) {
      closeHandlers.add(handler)
      return () => closeHandlers.delete(handler)
    },
    onError(handler) {
      errorHandlers.add(handler)
      return () => errorHandlers.delete(handler)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
  return client
}
