import type { ReadMarkWrite } from './read-marks.ts'
import type { SqliteSync, WriterBatch, WriterReply, WriterRequest } from './sqlite-writer.worker.ts'

type Request = WriterRequest extends infer R ? (R extends WriterRequest ? Omit<R, 'id'> : never) : never

interface Waiting {
  resolve(): void
  reject(error: Error): void
}

/**
 * The server's side of the SQLite writer thread (`sqlite-writer.worker.ts`): each call
 * is one message to the thread, answered once it is done. If the thread dies, every
 * call waiting and every later one fails with the reason.
 */
export class SqliteWriterThread {
  readonly #worker: Worker
  readonly #waiting = new Map<number, Waiting>()
  #nextId = 1
  #failure: Error | undefined

  private constructor() {
    this.#worker = new Worker(new URL('./sqlite-writer.worker.ts', import.meta.url))
    this.#worker.onmessage = (event: MessageEvent<WriterReply>) => {
      const reply = event.data
      const waiting = this.#waiting.get(reply.id)
      this.#waiting.delete(reply.id)
      if (reply.ok) waiting?.resolve()
      else waiting?.reject(new Error(reply.error))
    }
    this.#worker.onerror = (event) => this.#fail(new Error(`The SQLite writer thread failed: ${event.message}`))
    this.#worker.addEventListener('close', () => this.#fail(new Error('The SQLite writer thread has stopped')))
  }

  /**
   * Starts a thread writing to `file`, committing as `sync` says and, with `search`,
   * keeping its search index up to date.
   */
  static async open(file: string, search: boolean, sync: SqliteSync): Promise<SqliteWriterThread> {
    const thread = new SqliteWriterThread()
    try {
      await thread.#call({ kind: 'open', file, search, sync })
    } catch (error) {
      thread.#worker.terminate()
      throw error
    }
    return thread
  }

  /** Why the thread cannot write, if it cannot. */
  get failure(): Error | undefined {
    return this.#failure
  }

  /** Commits a batch's rows and the rooms' new last seqs in one transaction. */
  write(batch: WriterBatch): Promise<void> {
    return this.#call({ kind: 'write', batch })
  }

  /** Commits sessions' read marks in one transaction. */
  writeMarks(marks: ReadMarkWrite[]): Promise<void> {
    return this.#call({ kind: 'marks', marks })
  }

  /** Makes a write that changes nothing, to learn whether writes reach the disk again. */
  probe(): Promise<void> {
    return this.#call({ kind: 'probe' })
  }

  /** Closes the database and ends the thread. */
  async close(): Promise<void> {
    if (!this.#failure) await this.#call({ kind: 'close' })
    this.#fail(new Error('The SQLite writer thread is closed'))
    this.#worker.terminate()
  }

  #call(request: Request): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure)
    const id = this.#nextId++
    return new Promise<void>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#worker.postMessage({ ...request, id } satisfies WriterRequest)
    })
  }

  #fail(error: Error): void {
    this.#failure ??= error
    for (const waiting of this.#waiting.values()) waiting.reject(error)
    this.#waiting.clear()
  }
}
