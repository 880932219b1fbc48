/** What a handoff code stands for: a session to continue on another device. */
export interface HandoffGrant {
  username: string
  /** The session token that holds the name and authored its messages. */
  token: string
  /** The rooms the handing-off connection was in, oldest first. */
  rooms: string[]
}

/**
 * Handoff codes made and not yet redeemed, kept where every instance finds them. A code
 * is known here only by its SHA-256: the store never sees the code itself.
 */
export interface HandoffStore {
  /** Keeps `grant` under `codeHash` until `expiresAt` (ms since the epoch). */
  put(codeHash: string, grant: HandoffGrant, expiresAt: number): Promise<void>
  /**
   * Takes the grant under `codeHash`, once: it is removed whatever its time, and answered
   * only if it had not expired by `now`. Two takers at once never both get it.
   */
  take(codeHash: string, now: number): Promise<HandoffGrant | undefined>
  /** Removes the grants expired by `now`; answers how many. */
  sweep(now: number): Promise<number>
  close(): Promise<void>
}
