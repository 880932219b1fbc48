import type { Attachment } from '@parley/events'
import { WsxError } from '@parley/wsx/shared'
import { useCallback, useEffect } from 'react'
import { type SavedOutgoing, saveOutbox } from '../browser/persistence.ts'
import { newClientId } from '../model/client-id.ts'
import { describeError } from '../model/errors.ts'
import type { OutgoingMessage } from '../model/timeline.ts'
import type { ChatClient } from '../net/client.ts'
import { deliverMessage } from '../net/sync.ts'
import { type ChatStore, watchStore } from '../store.ts'

/** How long a message may wait for the server (queued while reconnecting included) before it is marked failed. */
const SEND_TIMEOUT_MS = 10_000

function sendFailure(error: unknown, client: ChatClient): string {
  // Timed out while still queued: the server never saw it.
  if (error instanceof WsxError && error.code === 'timeout' && client.status !== 'open') {
    return 'No connection to the server.'
  }
  return describeError(error)
}

/**
 * Optimistic sending: a message (with the files it carries, uploaded already) shows at once
 * as pending, becomes sent when the server stores it, or failed with the reason and a Retry
 * that resends it under the same id.
 * Unconfirmed messages are kept in the tab's storage so a reload does not lose their text.
 */
export function useSending(client: ChatClient, { dispatch, getState }: ChatStore) {
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
    (text: string, files: Attachment[] = []) => {
      const { current: room, username, replyTo } = getState()
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
      // The reply being written goes with this message.
      const answers = replyTo[room]
      if (answers !== undefined) outgoing.replyTo = answers
      if (files.length > 0) outgoing.files = files
      dispatch({ type: 'outgoing', message: outgoing })
      if (answers !== undefined) dispatch({ type: 'replyTo', room, seq: null })
      void deliver(outgoing)
    },
    [deliver, dispatch, getState],
  )

  const retry = useCallback(
    (room: string, clientId: string) => {
      const outgoing = getState().timelines[room]?.outbox.find((item) => item.clientId === clientId)
      if (outgoing?.status !== 'failed') return
      dispatch({ type: 'resending', room, clientId })
      void deliver(outgoing)
    },
    [deliver, dispatch, getState],
  )

  return { send, retry }
}

/** Keeps the tab's unconfirmed messages in session storage, written only when they change. */
export function useSavedOutbox(store: ChatStore): void {
  useEffect(() => {
    let saved: string | null = null
    return watchStore(
      store,
      (state) => state.timelines,
      (timelines) => {
        const outbox: SavedOutgoing[] = Object.values(timelines).flatMap((timeline) =>
          timeline.outbox.map(({ clientId, room, username, message, createdAt, replyTo, files }) => ({
            clientId,
            room,
            username,
            message,
            createdAt,
            ...(replyTo === undefined ? {} : { replyTo }),
            ...(files === undefined ? {} : { files }),
          })),
        )
        const key = JSON.stringify(outbox)
        if (key === saved) return
        saved = key
        saveOutbox(outbox)
      },
    )
  }, [store])
}
