import type { ServerBanRequest } from '@parley/events'
import { useCallback } from 'react'
import { useChatClient } from '../context.ts'
import { newClientId } from '../model/client-id.ts'
import { describeError } from '../model/errors.ts'

const BAN_TIMEOUT_MS = 10_000

/** A ban from the whole server, or its lifting, without the client id the hook adds. */
export type ServerBan = Omit<ServerBanRequest, 'clientId'>

/**
 * The operator's bans from the whole server (`serverBan`): resolves whether anything
 * changed, or rejects with the server's refusal in words.
 */
export function useServerBan(): (ban: ServerBan) => Promise<boolean> {
  const client = useChatClient()
  return useCallback(
    async (ban: ServerBan) => {
      try {
        const answer = await client.request(
          'serverBan',
          { ...ban, clientId: newClientId() },
          { timeout: BAN_TIMEOUT_MS },
        )
        return answer.changed
      } catch (error) {
        throw new Error(describeError(error))
      }
    },
    [client],
  )
}
