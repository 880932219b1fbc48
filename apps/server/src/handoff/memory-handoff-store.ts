import type { HandoffGrant, HandoffStore } from './handoff-store.ts'

/** Handoff codes in this process only, for a server whose history is in memory too. */
export class MemoryHandoffStore implements HandoffStore {
  readonly #grants = new Map<string, { grant: HandoffGrant; expiresAt: number }>()

  async put(codeHash: string, grant: HandoffGrant, expiresAt: number): Promise<void> {
    this.#grants.set(codeHash, { grant: { ...grant, rooms: [...grant.rooms] }, expiresAt })
  }

  async take(codeHash: string, now: number): Promise<HandoffGrant | undefined> {
    const held = this.#grants.get(codeHash)
    this.#grants.delete(codeHash)
    return held && held.expiresAt > now ? held.grant : undefined
  }

  async sweep(now: number): Promise<number> {
    let removed = 0
    for (const [codeHash, held] of this.#grants) {
      if (held.expiresAt > now) continue
      this.#grants.delete(codeHash)
      removed += 1
    }
    return removed
  }

  async close(): Promise<void> {
    this.#grants.clear()
  }
}
