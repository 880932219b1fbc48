import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { Logger } from '../ops/logger.ts'
import type { Handoffs } from './handoffs.ts'

/**
 * `handoff`: a joined connection asks for a one-time code that hands its session (name,
 * token, rooms) to another device. Counted against the connection's message rate.
 */
export function registerHandoffRequest({
  server,
  handoffs,
  checkRate,
  log,
}: {
  server: ChatServer
  handoffs: Handoffs
  checkRate(conn: ChatConnection): void
  log: Logger
}): void {
  server.onRequest('handoff', async (_payload, conn) => {
    checkRate(conn)
    const { username, token, rooms } = conn.data
    if (username === undefined || token === undefined || rooms.size === 0) {
      throw new Error('Join a room first: then this session can continue on another device')
    }
    try {
      const made = await handoffs.create({ username, token, rooms: [...rooms] })
      log.info('handoff-created', { connectionId: conn.id })
      return made
    } catch (error) {
      log.error('handoff-failed', { error: error instanceof Error ? error.message : String(error) })
      throw new Error('A link to continue on another device cannot be made right now: try again in a moment')
    }
  })
}
