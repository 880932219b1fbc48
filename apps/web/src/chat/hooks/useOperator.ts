import { useCallback } from 'react'
import { loadOperatorToken, saveOperatorToken } from '../browser/persistence.ts'
import { describeError, isTransient } from '../model/errors.ts'
import type { ChatAction } from '../model/state.ts'
import type { ChatClient } from '../net/client.ts'

const OPERATOR_TIMEOUT_MS = 5_000

/**
 * Acting as the server's operator: the token, once accepted, is kept in the tab's storage
 * and presented again on every new connection (the server forgets it with the old one).
 */
export function useOperator(client: ChatClient, dispatch: (action: ChatAction) => void) {
  /** Presents `token`; rejects with the server's refusal in words. */
  const actAsOperator = useCallback(
    async (token: string) => {
      try {
        await client.request('operator', { token }, { timeout: OPERATOR_TIMEOUT_MS })
      } catch (error) {
        throw new Error(describeError(error))
      }
      saveOperatorToken(token)
      dispatch({ type: 'operator', operator: true })
    },
    [client, dispatch],
  )

  /** On a new connection, before rejoining: presents the kept token again, if there is one. */
  const presentOperatorToken = useCallback(async () => {
    const token = loadOperatorToken()
    if (token === null) return
    try {
      await client.request('operator', { token }, { timeout: OPERATOR_TIMEOUT_MS })
      dispatch({ type: 'operator', operator: true })
    } catch (error) {
      if (isTransient(error)) return // the next connection presents it again
      saveOperatorToken(null)
      dispatch({ type: 'operator', operator: false })
      dispatch({ type: 'notice', notice: `No longer the operator: ${describeError(error)}` })
    }
  }, [client, dispatch])

  return { actAsOperator, presentOperatorToken }
}
