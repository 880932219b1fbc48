/** The monotonic clock every bucket reads unless given another: one function, not one bound copy per bucket. */
const monotonicNow = (): number => performance.now()

/**
 * A token bucket: `burst` tokens at most, refilled at `rate` per second. With a
 * rate of 0 it never runs out.
 */
export class TokenBucket {
  readonly #rate: number
  readonly #burst: number
  readonly #now: () => number
  #tokens: number
  #updated: number

  constructor(rate: number, burst: number, now: () => number = monotonicNow) {
    this.#rate = rate
    this.#burst = Math.max(1, burst)
    this.#now = now
    this.#tokens = this.#burst
    this.#updated = now()
  }

  /** Takes a token if there is one. */
  take(): boolean {
    if (this.#rate === 0) return true
    this.#refill()
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }

  /** Milliseconds until the next token. */
  get waitMs(): number {
    this.#refill()
    return this.#tokens >= 1 || this.#rate === 0 ? 0 : Math.ceil(((1 - this.#tokens) / this.#rate) * 1000)
  }

  #refill(): void {
    const now = this.#now()
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updated) / 1000) * this.#rate)
    this.#updated = now
  }
}
