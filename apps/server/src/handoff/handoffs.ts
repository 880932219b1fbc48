import type { Logger } from '../ops/logger.ts'
import type { HandoffLimits } from './handoff-limits.ts'
import type { HandoffGrant, HandoffStore } from './handoff-store.ts'

/** A new code: 256 random bits, base64url (43 characters). */
function newCode(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
}

/** How a code is kept: its SHA-256 in hex, so what storage holds cannot be redeemed. */
function codeHash(code: string): string {
  return new Bun.CryptoHasher('sha256').update(code).digest('hex')
}

/**
 * "Continue on another device": one-time codes standing for a session (its name, token
 * and rooms), made on one connection and redeemed by another browser through any
 * instance. Expired codes are swept from storage as time goes by.
 */
export class Handoffs {
  readonly #store: HandoffStore
  readonly #limits: HandoffLimits
  readonly #log: Logger
  readonly #sweeper: ReturnType<typeof setInterval>

  constructor(store: HandoffStore, limits: HandoffLimits, log: Logger) {
    this.#store = store
    this.#limits = limits
    this.#log = log
    this.#sweeper = setInterval(() => void this.sweep(), limits.sweepEveryMs)
    this.#sweeper.unref()
  }

  /** A new code for `grant`, and when it stops working (ms since the epoch). */
  async create(grant: HandoffGrant): Promise<{ code: string; expiresAt: number }> {
    const code = newCode()
    const expiresAt = Date.now() + this.#limits.ttlMs
    await this.#store.put(codeHash(code), grant, expiresAt)
    return { code, expiresAt }
  }

  /** The session `code` stands for, once; undefined when it is unknown, used or expired. */
  redeem(code: string): Promise<HandoffGrant | undefined> {
    return this.#store.take(codeHash(code), Date.now())
  }

  /** Removes expired codes; a failure is logged and tried again at the next sweep. */
  async sweep(): Promise<void> {
    try {
      const removed = await this.#store.sweep(Date.now())
      if (removed > 0) this.#log.debug('handoffs-expired', { removed })
    } catch (error) {
      this.#log.warn('handoff-sweep-failed', { error: error instanceof Error ? error.message : String(error) })
    }
  }

  /** Stops sweeping and closes the store. */
  async close(): Promise<void> {
    clearInterval(this.#sweeper)
    await this.#store.close()
  }
}
