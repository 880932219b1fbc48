import type { EventDefinitions } from '../shared/events.ts'
import { PROTOCOL_VERSION } from '../shared/protocol.ts'
import { serializers } from '../shared/serializers.ts'
import { Connection, type ConnectionHub } from './connection.ts'
import { type DispatchContext, dispatchFrame } from './dispatch.ts'
import type { ElysiaSocket } from './socket.ts'
import { encodings, nativeTopic, SubscriberCounts } from './topics.ts'
import type { ServerOptions, WsxHandler, WsxProblem, WsxServer } from './types.ts'

/** Unfinished async handlers one connection may have before its requests are refused. */
const MAX_IN_FLIGHT = 1024

type AnyConnection = Connection<EventDefinitions, unknown>
type AnyHandler = (payload: unknown, conn: AnyConnection) => unknown

/**
 * Builds a wsx server for Elysia: `new Elysia().ws('/ws', handler)`. Requests are
 * validated against `events`, answered in the encoding each client speaks, and
 * started in the order each connection sent them (async handlers then overlap).
 */
export function createElysiaWS<const E extends EventDefinitions, Data = Record<string, unknown>>(
  events: E,
  options: ServerOptions<Data> = {},
): { server: WsxServer<E, Data>; handler: WsxHandler } {
  const validate = options.validate ?? true
  const validateResponses = options.validateResponses ?? validate
  const defaultEncoding = options.serializer ?? 'cbor'
  const makeData = options.data ?? (() => ({}) as Data)
  const debug = options.debug ? (...args: unknown[]) => console.debug('[wsx]', ...args) : () => {}

  const connections = new Map<string, Connection<E, Data>>()
  const inFlight = new WeakMap<AnyConnection, number>()
  const requestHandlers = new Map<string, AnyHandler>()
  const sendHandlers = new Map<string, AnyHandler[]>()
  const openHandlers: ((conn: Connection<E, Data>) => void)[] = []
  const closeHandlers: ((conn: Connection<E, Data>, code: number, reason: string) => void)[] = []
  const counts = new SubscriberCounts()
  const onProblem = options.onProblem
  const report = (problem: WsxProblem) => {
    debug('problem', problem)
    onProblem?.(problem)
  }
  const ctx: DispatchContext = { events, validate, validateResponses, requestHandlers, sendHandlers, debug, report }

  /** Any open connection other than `except`, to publish through. */
  function publisher(except?: AnyConnection): AnyConnection | undefined {
    for (const conn of connections.values()) {
      if (conn !== except && conn.isOpen) return conn as AnyConnection
    }
    return undefined
  }

  const hub: ConnectionHub = {
    counts,
    debug,
    publish(topic, event, payload, except) {
      const via = except?.isOpen ? except : publisher(except)
      if (!via) return
      for (const encoding of encodings) {
        const key = nativeTopic(encoding, topic)
        if (!counts.has(key)) continue
        const frame = serializers[encoding].encode({ v: PROTOCOL_VERSION, t: 'send', x: event, p: payload })
        // Bun's publish reaches every subscriber but the socket it is called on.
        via.raw.publish(key, frame)
        if (via !== except && via.raw.isSubscribed(key)) via.raw.send(frame)
      }
    },
  }

  function receive(conn: AnyConnection, frame: unknown): void {
    const running = inFlight.get(conn) ?? 0
    const pending = dispatchFrame(ctx, conn, frame, running >= MAX_IN_FLIGHT)
    if (!pending) return
    inFlight.set(conn, running + 1)
    pending.finally(() => inFlight.set(conn, (inFlight.get(conn) ?? 1) - 1))
  }

  const handler: WsxHandler = {
    open(ws: ElysiaSocket) {
      const conn = new Connection<E, Data>(ws.raw, ws.id, makeData(ws.id), defaultEncoding, hub)
      connections.set(conn.id, conn)
      debug('open', conn.id)
      for (const onOpen of openHandlers) guard(() => onOpen(conn), debug)
    },
    message(ws: ElysiaSocket, message: unknown) {
      const conn = connections.get(ws.id) as AnyConnection | undefined
      if (conn) receive(conn, message)
    },
    close(ws: ElysiaSocket, code: number, reason: string) {
      const conn = connections.get(ws.id)
      if (!conn) return
      connections.delete(conn.id)
      debug('close', conn.id, code, reason)
      for (const onClose of closeHandlers) guard(() => onClose(conn, code, reason), debug)
      conn.release()
    },
  }

  const server: WsxServer<E, Data> = {
    onRequest(event, requestHandler) {
      requestHandlers.set(event, requestHandler as unknown as AnyHandler)
    },
    onSend(event, sendHandler) {
      const list = sendHandlers.get(event) ?? []
      list.push(sendHandler as unknown as AnyHandler)
      sendHandlers.set(event, list)
    },
    onOpen(openHandler) {
      openHandlers.push(openHandler)
    },
    onClose(closeHandler) {
      closeHandlers.push(closeHandler)
    },
    publish(topic, event, payload) {
      hub.publish(topic, event, payload)
    },
    subscriberCount(topic) {
      let total = 0
      for (const encoding of encodings) total += counts.count(nativeTopic(encoding, topic))
      return total
    },
    connections,
  }

  return { server, handler }
}

function guard(run: () => void, debug: (...args: unknown[]) => void): void {
  try {
    run()
  } catch (error) {
    debug('lifecycle handler failed', error)
  }
}
