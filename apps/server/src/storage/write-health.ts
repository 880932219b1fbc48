/** How often a store whose writes failed tries a harmless write to see whether storage is back. */
const PROBE_EVERY_MS = 500
/** Driver errors can be long; a problem is one line. */
const MAX_REASON_CHARS = 200

/**
 * Whether a store can write, as its writes and its probe find out. The first failed
 * write sets `problem`; from then on `probe` (a write that changes nothing) runs every
 * half second until it, or a real write, succeeds, which clears it. So a server that
 * readiness took out of rotation, and that therefore gets no messages, still sees its
 * storage come back.
 */
export class WriteHealth {
  readonly #probe: () => Promise<void>
  #problem: string | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor(probe: () => Promise<void>) {
    this.#probe = probe
  }

  /** Why messages cannot be stored right now, or undefined when they can. */
  problem(): string | undefined {
    return this.#problem
  }

  /** Runs one write, and learns from how it went. */
  async track<T>(write: () => Promise<T>): Promise<T> {
    try {
      const result = await write()
      this.#recovered()
      return result
    } catch (error) {
      this.#failed(error)
      throw error
    }
  }

  /** Stops probing, for good. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #failed(error: unknown): void {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    this.#problem = `Messages cannot be stored: ${reason.slice(0, MAX_REASON_CHARS)}`
    this.#scheduleProbe()
  }

  #recovered(): void {
    this.#problem = undefined
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #scheduleProbe(): void {
    if (this.#timer || this.#closed) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      // A write landing meanwhile may have settled it already.
      if (this.#problem === undefined || this.#closed) return
      this.#probe().then(
        () => this.#recovered(),
        (error: unknown) => this.#failed(error),
      )
    }, PROBE_EVERY_MS)
    this.#timer.unref?.()
  }
}
