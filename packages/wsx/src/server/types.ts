import type {
  EventDefinitions,
  Payload,
  PayloadEvent,
  PayloadInput,
  RequestEvent,
  ResponseInput,
} from '../shared/events.ts'
import type { Encoding } from '../shared/serializers.ts'
import type { Connection } from './connection.ts'
import type { ElysiaSocket } from './socket.ts'

export interface ServerOptions<Data> {
  /** Validate request payloads and handler results against the schemas. Default true. */
  validate?: boolean
  /**
   * Also check handler results against the response schemas: a guard against the
   * server's own bugs, which production may skip. Default: as `validate`.
   */
  validateResponses?: boolean
  /** Log every frame in and out. */
  debug?: boolean
  /** Encoding for a connection that has not sent a frame yet. Default `cbor`. */
  serializer?: Encoding
  /** Makes each connection's initial `data`. */
  data?: (id: string) => Data
  /** Hears about every frame refused and every handler that failed, for logs and metrics. */
  onProblem?: (problem: WsxProblem) => void
}

/** Something a client sent that was refused, or a handler that failed. */
export interface WsxProblem {
  kind:
    | 'undecodable' // not CBOR or JSON: closed with 1007
    | 'not-envelope' // not a wsx message: answered if it was a request, else closed with 1007
    | 'version' // another protocol MAJOR
    | 'overloaded' // too many unanswered requests
    | 'unknown-event'
    | 'invalid-payload'
    | 'handler-error' // the handler threw: the request was answered with its message
    | 'invalid-response' // the handler's result failed its schema or could not be encoded
  connectionId: string
  event?: string | undefined
  error?: unknown
}

type RequestHandler<E extends EventDefinitions, K extends keyof E, Data> = (
  payload: Payload<E, K>,
  conn: Connection<E, Data>,
) => ResponseInput<E, K> | Promise<ResponseInput<E, K>>

type SendHandler<E extends EventDefinitions, K extends keyof E, Data> = (
  payload: Payload<E, K>,
  conn: Connection<E, Data>,
) => void | Promise<void>

/** The object given to `new Elysia().ws(path, handler)`. */
export interface WsxHandler {
  open(ws: ElysiaSocket): void
  message(ws: ElysiaSocket, message: unknown): void
  close(ws: ElysiaSocket, code: number, reason: string): void
}

/** The typed server: register handlers, publish to topics, watch connections. */
export interface WsxServer<E extends EventDefinitions, Data> {
  onRequest<K extends RequestEvent<E>>(event: K, handler: RequestHandler<E, K, Data>): void
  onSend<K extends PayloadEvent<E>>(event: K, handler: SendHandler<E, K, Data>): void
  onOpen(handler: (conn: Connection<E, Data>) => void): void
  onClose(handler: (conn: Connection<E, Data>, code: number, reason: string) => void): void
  /** Sends to every subscriber of `topic`, encoding once per encoding in use. */
  publish<K extends PayloadEvent<E>>(topic: string, event: K, payload: PayloadInput<E, K> | Payload<E, K>): void
  /** How many open connections are subscribed to `topic`, in every encoding. */
  subscriberCount(topic: string): number
  /** The open connections by id. */
  readonly connections: ReadonlyMap<string, Connection<E, Data>>
}
