import type { JoinResponse } from '@parley/events'
import { type ChatClient, loadConnection, loadedConnection } from './client.ts'
import { type JoinOptions, joinWithToken } from './joining.ts'

/** How long a join may take before it is given up on. */
export const JOIN_TIMEOUT_MS = 10_000

/**
 * Joins with the browser's session token. Once connected the token store is in already,
 * and the join is written at once: a rejoin must go out before the messages queued while
 * the connection was down.
 */
export function joinAs(
  client: ChatClient,
  username: string,
  room: string,
  options?: JoinOptions,
): Promise<JoinResponse> {
  const connection = loadedConnection()
  if (connection) return joinWithToken(client, connection.browserTokens, username, room, JOIN_TIMEOUT_MS, options)
  return loadConnection().then(({ browserTokens }) =>
    joinWithToken(client, browserTokens, username, room, JOIN_TIMEOUT_MS, options),
  )
}
