import { timingSafeEqual } from 'node:crypto'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { Logger } from '../ops/logger.ts'

const digest = (text: string) => new Bun.CryptoHasher('sha256').update(text).digest()

/**
 * The connections acting as the server's operator: each presented `ADMIN_TOKEN` with
 * `operator`. Kept by connection id here, not on every connection's data, since few ever do.
 */
export function registerOperators({
  server,
  adminToken,
  checkRate,
  log,
}: {
  server: ChatServer
  adminToken: string | undefined
  /** Counts a try against the connection's rate, so that guessing the token is as slow as chatting. */
  checkRate(conn: ChatConnection): void
  log: Logger
}) {
  const operators = new Set<string>()
  // Compared as digests: equal lengths, so the comparison takes the same time whatever was sent.
  const expected = adminToken === undefined ? undefined : digest(adminToken)

  server.onRequest('operator', ({ token }, conn) => {
    checkRate(conn)
    if (!expected) throw new Error('This server has no operator: ADMIN_TOKEN is not set')
    if (!timingSafeEqual(digest(token), expected)) {
      log.warn('operator-refused', { connectionId: conn.id })
      throw new Error('That is not the operator token')
    }
    operators.add(conn.id)
    log.info('operator', { connectionId: conn.id })
    return { operator: true as const }
  })
  server.onClose((conn) => operators.delete(conn.id))

  return {
    /** Whether this connection acts as the operator. */
    isOperator: (conn: ChatConnection) => operators.has(conn.id),
  }
}
