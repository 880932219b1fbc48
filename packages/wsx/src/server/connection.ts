import type { EventDefinitions, Payload, PayloadEvent, PayloadInput } from '../shared/events.ts'
import { PROTOCOL_VERSION, type WireMessage } from '../shared/protocol.ts'
import { type Encoding, serializers } from '../shared/serializers.ts'
import type { RawSocket } from './socket.ts'
import { nativeTopic, type SubscriberCounts } from './topics.ts'

/** What a connection needs from the server it belongs to. */
export interface ConnectionHub {
  readonly counts: SubscriberCounts
  publish(topic: string, event: string, payload: unknown, except?: Connection<EventDefinitions, unknown>): void
  debug(...args: unknown[]): void
}

const OPEN = 1

/** One client's socket, typed by the events, with mutable per-connection `data`. */
export class Connection<E extends EventDefinitions, Data> {
  /** Stable for the socket's whole life. */
  readonly id: string
  /** Mutable per-connection state owned by the application. */
  data: Data
  /** The encoding this client speaks; set by the frames it sends. */
  encoding: Encoding
  readonly #raw: RawSocket
  /** An array, not a Set: a connection holds a few topics, and a Set of one costs about 250 bytes of heap. */
  readonly #topics: string[] = []
  readonly #hub: ConnectionHub

  constructor(raw: RawSocket, id: string, data: Data, encoding: Encoding, hub: ConnectionHub) {
    this.#raw = raw
    this.id = id
    this.data = data
    this.encoding = encoding
    this.#hub = hub
  }

  /** The underlying Bun socket. */
  get raw(): RawSocket {
    return this.#raw
  }

  get isOpen(): boolean {
    return this.#raw.readyState === OPEN
  }

  get remoteAddress(): string {
    return this.#raw.remoteAddress
  }

  /** The application topics this connection is subscribed to. */
  get topics(): readonly string[] {
    return this.#topics
  }

  /** Pushes one event to this client. */
  send<K extends PayloadEvent<E>>(event: K, payload: PayloadInput<E, K> | Payload<E, K>): void {
    this.sendMessage({ v: PROTOCOL_VERSION, t: 'send', x: event, p: payload })
  }

  /** Encodes an envelope in this client's encoding and writes it. */
  sendMessage(message: WireMessage): void {
    if (!this.isOpen) return
    this.#hub.debug('→', this.id, message)
    const frame = serializers[this.encoding].encode(message)
    // Corked, an answer sent after an await leaves in one write with the pushes queued for this socket.
    this.#raw.cork(() => this.#raw.send(frame))
  }

  subscribe(topic: string): void {
    if (this.#topics.includes(topic)) return
    this.#topics.push(topic)
    const key = nativeTopic(this.encoding, topic)
    this.#raw.subscribe(key)
    this.#hub.counts.add(key)
  }

  unsubscribe(topic: string): void {
    const at = this.#topics.indexOf(topic)
    if (at < 0) return
    this.#topics.splice(at, 1)
    const key = nativeTopic(this.encoding, topic)
    if (this.isOpen) this.#raw.unsubscribe(key)
    this.#hub.counts.remove(key)
  }

  isSubscribed(topic: string): boolean {
    return this.#topics.includes(topic)
  }

  /** Sends to every subscriber of `topic` except this connection. */
  publish<K extends PayloadEvent<E>>(topic: string, event: K, payload: PayloadInput<E, K> | Payload<E, K>): void {
    this.#hub.publish(topic, event, payload, this as Connection<EventDefinitions, unknown>)
  }

  close(code?: number, reason?: string): void {
    this.#raw.close(code, reason)
  }

  /** Switches encoding, moving topic subscriptions to the new encoding's native topics. */
  useEncoding(encoding: Encoding): void {
    if (encoding === this.encoding) return
    const topics = [...this.#topics]
    for (const topic of topics) this.unsubscribe(topic)
    this.encoding = encoding
    for (const topic of topics) this.subscribe(topic)
  }

  /** Forgets subscriptions after the socket closed (Bun already dropped the native ones). */
  release(): void {
    for (const topic of this.#topics) this.#hub.counts.remove(nativeTopic(this.encoding, topic))
    this.#topics.length = 0
  }
}
