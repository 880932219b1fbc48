import type { Encoding } from '../shared/serializers.ts'

export const encodings: readonly Encoding[] = ['cbor', 'json']

/**
 * Each application topic is two native topics, one per encoding, so that a publish
 * encodes once per encoding and Bun fans the same bytes out to every subscriber.
 */
export function nativeTopic(encoding: Encoding, topic: string): string {
  return `${encoding}:${topic}`
}

/** Counts subscribers per native topic, so a publish skips encodings nobody reads. */
export class SubscriberCounts {
  readonly #counts = new Map<string, number>()

  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1)
  }

  remove(key: string): void {
    const left = (this.#counts.get(key) ?? 0) - 1
    if (left > 0) this.#counts.set(key, left)
    else this.#counts.delete(key)
  }

  has(key: string): boolean {
    return this.#counts.has(key)
  }

  /** How many subscribers `key` has. */
  count(key: string): number {
    return this.#counts.get(key) ?? 0
  }
}
