import type { AppendOutcome, MessageStore, NewMessage, StoredMessage } from './message-store.ts'

/**
 * History in process memory, as the seed kept it: lost on restart. For benchmarks
 * (storage off) and throwaway demos; select it with `DATABASE_URL=memory:`.
 */
export class MemoryMessageStore implements MessageStore {
  readonly #rooms = new Map<string, StoredMessage[]>()
  readonly #byClientId = new Map<string, StoredMessage>()

  async append(message: NewMessage): Promise<AppendOutcome> {
    const key = message.clientId && `${message.room}\u0000${message.clientId}`
    const earlier = key ? this.#byClientId.get(key) : undefined
    if (earlier) {
      const same = earlier.username === message.username && earlier.body === message.body
      return same ? { kind: 'duplicate', message: earlier } : { kind: 'conflict' }
    }
    const messages = this.#rooms.get(message.room) ?? []
    this.#rooms.set(message.room, messages)
    const stored = { ...message, seq: messages.length + 1 }
    messages.push(stored)
    if (key) this.#byClientId.set(key, stored)
    return { kind: 'stored', message: stored }
  }

  async before(room: string, seq: number | undefined, limit: number): Promise<StoredMessage[]> {
    const messages = this.#rooms.get(room) ?? []
    const end = seq === undefined ? messages.length : Math.max(0, Math.min(seq - 1, messages.length))
    return messages.slice(Math.max(0, end - limit), end)
  }

  async after(room: string, seq: number, limit: number): Promise<StoredMessage[]> {
    return (this.#rooms.get(room) ?? []).slice(seq, seq + limit)
  }

  async lastSeq(room: string): Promise<number> {
    return this.#rooms.get(room)?.length ?? 0
  }

  async ping(): Promise<void> {}

  problem(): string | undefined {
    return undefined
  }

  async close(): Promise<void> {}
}
