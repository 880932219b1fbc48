import { processMetrics } from './process-metrics.ts'
import { family, labelValue } from './prometheus-text.ts'

/** Upper bounds (seconds) of the storage latency histogram's buckets. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** A histogram of latencies, rendered in Prometheus's cumulative form. */
class Histogram {
  /** Observations per bucket: each counts once, in the first bucket it fits (the last slot is +Inf). */
  readonly #counts = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0)
  sum = 0
  count = 0

  observe(seconds: number): void {
    let index = 0
    while (index < LATENCY_BUCKETS.length && seconds > (LATENCY_BUCKETS[index] as number)) index += 1
    this.#counts[index] = (this.#counts[index] ?? 0) + 1
    this.sum += seconds
    this.count += 1
  }

  /** Observations at or below each bucket's bound, as Prometheus counts them. */
  cumulative(): number[] {
    let total = 0
    return LATENCY_BUCKETS.map((_, index) => {
      total += this.#counts[index] ?? 0
      return total
    })
  }
}

export interface MetricSources {
  connections(): number
  /** Bytes queued for clients that have not read them yet, over every connection. */
  sendBufferBytes(): number
  rooms(): number
}

/** Parley's counters, rendered in the Prometheus text format at `/api/metrics`. */
export class Metrics {
  /** New chat messages this instance stored (a resend of a stored one is not counted again). */
  messagesStored = 0
  /** Chat messages handed to this instance's member sockets: one per message per connection in its room. */
  messagesDelivered = 0
  readonly errors = new Map<string, number>()
  readonly storageWrites = new Histogram()
  readonly #sources: MetricSources

  constructor(sources: MetricSources) {
    this.#sources = sources
  }

  countError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
  }

  /**
   * Counts a room event handed to this instance's members: a chat message counts once per
   * connection in the room here (the sender's included), whichever instance stored it.
   */
  delivered(event: string, connections: number): void {
    if (event === 'message') this.messagesDelivered += connections
  }

  render(): string {
    const writes = this.storageWrites
    const lines = [
      ...family('parley_connections', 'gauge', 'Open WebSocket connections.', [
        `parley_connections ${this.#sources.connections()}`,
      ]),
      ...family(
        'parley_send_buffer_bytes',
        'gauge',
        'Bytes queued for clients that have not read them yet; a connection over BACKPRESSURE_LIMIT is closed.',
        [`parley_send_buffer_bytes ${this.#sources.sendBufferBytes()}`],
      ),
      ...family('parley_rooms', 'gauge', 'Rooms with at least one member on this instance.', [
        `parley_rooms ${this.#sources.rooms()}`,
      ]),
      ...family(
        'parley_messages_stored_total',
        'counter',
        'New chat messages this instance stored (a resend of a stored message is not counted).',
        [`parley_messages_stored_total ${this.messagesStored}`],
      ),
      ...family(
        'parley_messages_delivered_total',
        'counter',
        'Chat messages handed to member sockets on this instance: one per message per connection in its room, whichever instance stored it.',
        [`parley_messages_delivered_total ${this.messagesDelivered}`],
      ),
      ...family(
        'parley_errors_total',
        'counter',
        'Refused frames and failed requests, by kind.',
        [...this.errors].map(([kind, count]) => `parley_errors_total{kind="${labelValue(kind)}"} ${count}`),
      ),
      ...family(
        'parley_storage_write_seconds',
        'histogram',
        'Time from a message reaching storage to it being durable.',
        [
          ...writes
            .cumulative()
            .map((count, index) => `parley_storage_write_seconds_bucket{le="${LATENCY_BUCKETS[index]}"} ${count}`),
          `parley_storage_write_seconds_bucket{le="+Inf"} ${writes.count}`,
          `parley_storage_write_seconds_sum ${writes.sum}`,
          `parley_storage_write_seconds_count ${writes.count}`,
        ],
      ),
      ...processMetrics(),
    ]
    return `${lines.join('\n')}\n`
  }
}
