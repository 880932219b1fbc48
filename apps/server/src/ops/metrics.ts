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
  rooms(): number
}

/** Parley's counters, rendered in the Prometheus text format at `/api/metrics`. */
export class Metrics {
  messagesIn = 0
  messagesOut = 0
  readonly errors = new Map<string, number>()
  readonly storageWrites = new Histogram()
  readonly #sources: MetricSources

  constructor(sources: MetricSources) {
    this.#sources = sources
  }

  countError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
  }

  render(): string {
    const lines = [
      '# HELP parley_connections Open WebSocket connections.',
      '# TYPE parley_connections gauge',
      `parley_connections ${this.#sources.connections()}`,
      '# HELP parley_rooms Rooms with at least one member.',
      '# TYPE parley_rooms gauge',
      `parley_rooms ${this.#sources.rooms()}`,
      '# HELP parley_messages_in_total Chat messages stored.',
      '# TYPE parley_messages_in_total counter',
      `parley_messages_in_total ${this.messagesIn}`,
      '# HELP parley_messages_out_total Chat messages delivered to member connections.',
      '# TYPE parley_messages_out_total counter',
      `parley_messages_out_total ${this.messagesOut}`,
      '# HELP parley_errors_total Refused frames and failed requests, by kind.',
      '# TYPE parley_errors_total counter',
      ...[...this.errors].map(([kind, count]) => `parley_errors_total{kind="${kind}"} ${count}`),
      '# HELP parley_storage_write_seconds Time from a message reaching storage to it being durable.',
      '# TYPE parley_storage_write_seconds histogram',
      ...this.storageWrites
        .cumulative()
        .map((count, index) => `parley_storage_write_seconds_bucket{le="${LATENCY_BUCKETS[index]}"} ${count}`),
      `parley_storage_write_seconds_bucket{le="+Inf"} ${this.storageWrites.count}`,
      `parley_storage_write_seconds_sum ${this.storageWrites.sum}`,
      `parley_storage_write_seconds_count ${this.storageWrites.count}`,
      '# HELP process_resident_memory_bytes Resident memory of the server process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    ]
    return `${lines.join('\n')}\n`
  }
}
