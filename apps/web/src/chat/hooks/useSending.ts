import { WsxError } from '@parley/wsx/shared'
import { type Dispatch, type RefObject, useCallback, useEffect, useRef } from 'react'
import { type SavedOutgoing, saveOutbox } from '../browser/persistence.ts'
import { describeError } from '../model/errors.ts'
import type { ChatAction, ChatState } from '../model/state.ts'
import { newClientId, type OutgoingMessage } from '../model/timeline.ts'
import type { ChatClient } from '../net/client.ts'
import { deliverMessage } from '../net/sync.ts'

/** How long a message may wait for the server (queued while reconnecting included) before it is marked failed. */
export const SEND_TIMEOUT_MS = 10_000

function sendFailure(error: unknown, client: ChatClient): string {
  // Timed out while still queued: the server never saw it.
  if (error instanceof WsxError && error.code === 'timeout' && client.status !== 'open') {
    return 'No connection to the server.'
  }
  return describeError(error)
}

/**
 * Optimistic sending: a message shows at once as pending, becomes sent when the server
 * stores it, or failed with the reason and a Retry that resends it under the same id.
 * Unconfirmed messages are kept in the tab's storage so a reload does not lose their text.
 */
export function useSending(client: ChatClient, dispatch: Dispatch<ChatAction>, stateRef: RefObject<ChatState>) {
  const deliver = useCallback(
    async (outgoing: OutgoingMessage) => {
      const { room, clientId } = outgoing
      try {
        const answer = await deliverMessage(client, outgoing, SEND_TIMEOUT_MS)
        dispatch({ type: 'sent', room, clientId, answer })
      } catch (error) {
        dispatch({ type: 'sendFailed', room, clientId, error: sendFailure(error, client) })
      }
    },
    [client, dispatch],
  )

  const send = useCallback(
    (text: string) => {
      const { current: room, username } = stateRef.current
      if (room === null || username === null) return
      const outgoing: OutgoingMessage = {
        clientId: newClientId(),
        room,
        username,
        message: text,
        createdAt: Date.now(),
        status: 'pending',
        error: null,
      }
      dispatch({ type: 'outgoing', message: outgoing })
      void deliver(outgoing)
    },
    [deliver, dispatch, stateRef],
  )

  const retry = useCallback(
    (room: string, clientId: string) => {
      const outgoing = stateRef.current.timelines[room]?.outbox.find((item) => item.clientId === clientId)
      if (outgoing?.status !== 'failed') return
      dispatch({ type: 'resending', room, clientId })
      void deliver(outgoing)
    },
    [deliver, dispatch, stateRef],
  )

  return { send, retry }
}

/** Keeps the tab's unconfirmed messages in session storage, written only when they change. */
export function useSavedOutbox(timelines: ChatState['timelines']): void {
  const saved = useRef<string | null>(null)
  useEffect(() => {
    const outbox: SavedOutgoing[] = Object.values(timelines).flatMap((timeline) =>
      timeline.outbox.map(({ clientId, room, username, message, createdAt }) => ({
        clientId,
        room,
        username,
        message,
        createdAt,
      })),
    )
    const key = JSON.stringify(outbox)
    if (key === saved.current) return
    saved.current = key
    saveOutbox(outbox)
  }, [timelines])
}
