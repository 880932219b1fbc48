import { useEffect } from 'react'
import { closeOutcome } from '../model/close-reason.ts'
import type { ChatClient } from '../net/client.ts'
import type { ChatStore } from '../store.ts'

/**
 * Tells the person why the server closed the connection, when it says why (code 1008). A
 * ban from the server leaves every room at once, so the reconnection asks for none of them
 * again (each would be refused) and the join screen shows the server's words.
 */
export function useServerClose(client: ChatClient, { dispatch, getState }: ChatStore): void {
  useEffect(
    () =>
      client.onClose((info) => {
        const outcome = closeOutcome(info)
        if (outcome === null) return
        if (outcome.shutOut) for (const room of getState().rooms) dispatch({ type: 'left', room })
        dispatch({ type: 'notice', notice: outcome.notice })
      }),
    [client, dispatch, getState],
  )
}
