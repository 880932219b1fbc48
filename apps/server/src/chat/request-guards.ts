import { CloseCode } from '@parley/wsx/shared'
import type { ChatConnection } from '../connections/connection-data.ts'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'

/**
 * What every chat request goes through: the message rate, membership, storage failures in
 * words, and the drain at shutdown (writes taken before it are answered, later ones refused).
 */
export function requestGuards({
  metrics,
  log,
  logName,
}: {
  metrics: Metrics
  log: Logger
  /** How logs name a room (a private room's name stays out of them). */
  logName(room: string): string
}) {
  /** Writes being stored and answered right now; `drain` waits for them. */
  const writing = new Set<Promise<unknown>>()
  let draining = false

  return {
    /** Refuses a message over the rate limit, and closes a connection that keeps flooding. */
    checkRate(conn: ChatConnection): void {
      if (conn.data.sends.take()) return
      if (!conn.data.patience.take()) {
        conn.close(CloseCode.policyViolation, 'Flooding: too many messages')
        throw new Error('Too many messages: the connection is closed')
      }
      const seconds = (conn.data.sends.waitMs / 1000).toFixed(1)
      throw new Error(`You are sending messages too fast: slow down and retry in ${seconds} s`)
    },

    requireMember(conn: ChatConnection, room: string, doing: string): void {
      if (!conn.data.rooms.has(room)) throw new Error(`Join "${room}" to ${doing}`)
    },

    /** Stores a message or a change, timing it; a storage failure is logged and refused in words. */
    async stored<T>(room: string, write: () => Promise<T>): Promise<T> {
      const started = performance.now()
      try {
        return await write()
      } catch (error) {
        metrics.countError('storage')
        log.error('storage-failed', {
          room: logName(room),
          error: error instanceof Error ? error.message : String(error),
        })
        throw new Error('Messages cannot be stored right now: try sending yours again in a moment')
      } finally {
        metrics.storageWrites.observe((performance.now() - started) / 1000)
      }
    },

    /** Runs a write to the room log, refused in words from the start of a shutdown (never stored, and its sender knows). */
    write<T>(run: () => Promise<T>): Promise<T> {
      if (draining) throw new Error('The server is restarting: send your message again once you are reconnected')
      const written = run()
      writing.add(written)
      const settled = () => writing.delete(written)
      written.then(settled, settled)
      return written
    },

    /**
     * Refuses every write from now on and resolves once each one taken before has been
     * stored (or refused) and answered: closing the sockets after it loses no answer.
     */
    async drain(): Promise<void> {
      draining = true
      await Promise.allSettled(writing)
    },
  }
}
