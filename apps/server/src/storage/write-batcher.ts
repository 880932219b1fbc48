/** The most writes one transaction takes. */
const MAX_BATCH = 1_000

interface Pending<In, Out> {
  input: In
  resolve(output: Out): void
  reject(error: unknown): void
}

/**
 * Groups writes made in the same event-loop turn into one call of `write` (one
 * transaction), one batch at a time, so per-room sequence numbers are assigned in
 * order and a commit's cost is shared by every write in it.
 */
export class WriteBatcher<In, Out> {
  readonly #write: (inputs: In[]) => Promise<Out[]>
  #queue: Pending<In, Out>[] = []
  #scheduled = false
  #running: Promise<void> | undefined

  constructor(write: (inputs: In[]) => Promise<Out[]>) {
    this.#write = write
  }

  push(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject })
      this.#schedule()
    })
  }

  /** Resolves when everything pushed so far is written. */
  async drain(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      if (!this.#running) this.#running = this.#flush()
      await this.#running
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      if (!this.#running) this.#running = this.#flush()
    })
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, MAX_BATCH)
    try {
      const outputs = await this.#write(batch.map((pending) => pending.input))
      for (const [index, pending] of batch.entries()) pending.resolve(outputs[index] as Out)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
    } finally {
      this.#running = undefined
      if (this.#queue.length > 0) this.#schedule()
    }
  }
}
