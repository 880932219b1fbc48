import { WsxError } from '@parley/wsx/shared'
import { useCallback } from 'react'
import { newClientId } from '../model/client-id.ts'
import { describeError } from '../model/errors.ts'
import { type ChangeRequest, type PendingChange, viewOf } from '../model/pending-changes.ts'
import { messageAt } from '../model/timeline.ts'
import type { ChatClient } from '../net/client.ts'
import { deliverChange } from '../net/sync.ts'
import type { ChatStore } from '../store.ts'

/** How long a change may wait for the server (queued while reconnecting included) before it is marked failed. */
const CHANGE_TIMEOUT_MS = 10_000

function changeFailure(error: unknown, client: ChatClient): string {
  // Timed out while still queued: the server never saw it.
  if (error instanceof WsxError && error.code === 'timeout' && client.status !== 'open') {
    return 'No connection to the server.'
  }
  return describeError(error)
}

/**
 * Our changes to messages, optimistic like sending: each shows at once as pending, is
 * confirmed by the server's answer (or its push, or a catch-up page, whichever comes
 * first), or fails with the reason and a Retry that sends it again under the same
 * clientId, so the server applies it once.
 */
export function useMessageChanges(client: ChatClient, { dispatch, getState }: ChatStore) {
  const deliver = useCallback(
    async (change: PendingChange) => {
      const { room, clientId } = change
      try {
        const answer = await deliverChange(client, change, CHANGE_TIMEOUT_MS)
        dispatch({ type: 'changeSettled', room, clientId, answer })
      } catch (error) {
        dispatch({ type: 'changeFailed', room, clientId, error: changeFailure(error, client) })
      }
    },
    [client, dispatch],
  )

  const start = useCallback(
    (room: string, seq: number, request: ChangeRequest) => {
      const { username, rooms } = getState()
      if (username === null || !rooms.includes(room)) return
      const change = {
        ...request,
        clientId: newClientId(),
        room,
        seq,
        username,
        createdAt: Date.now(),
        status: 'pending',
        error: null,
      } satisfies PendingChange
      dispatch({ type: 'changeStarted', change })
      void deliver(change)
    },
    [deliver, dispatch, getState],
  )

  const editMessage = useCallback(
    (room: string, seq: number, text: string) => {
      const timeline = getState().timelines[room]
      const held = timeline ? messageAt(timeline, seq) : undefined
      if (!timeline || !held) return
      // The same text as shown now changes nothing: no request.
      const shown = viewOf(held, timeline.changes, getState().username).text
      if (shown === text) return
      start(room, seq, { kind: 'edit', text })
    },
    [getState, start],
  )

  const deleteMessage = useCallback((room: string, seq: number) => start(room, seq, { kind: 'delete' }), [start])

  /** Adds `emoji` under our name, or takes it back if it is ours already (as shown, our pending changes included). */
  const toggleReaction = useCallback(
    (room: string, seq: number, emoji: string) => {
      const { timelines, username } = getState()
      const timeline = timelines[room]
      const held = timeline ? messageAt(timeline, seq) : undefined
      if (!timeline || !held) return
      const mine = viewOf(held, timeline.changes, username).reactions.some((r) => r.emoji === emoji && r.mine)
      start(room, seq, { kind: 'react', emoji, add: !mine })
    },
    [getState, start],
  )

  const retryChange = useCallback(
    (room: string, clientId: string) => {
      const change = getState().timelines[room]?.changes.find((held) => held.clientId === clientId)
      if (change?.status !== 'failed') return
      dispatch({ type: 'changeRetrying', room, clientId })
      void deliver({ ...change, status: 'pending', error: null })
    },
    [deliver, dispatch, getState],
  )

  const dismissChange = useCallback(
    (room: string, clientId: string) => dispatch({ type: 'changeDropped', room, clientId }),
    [dispatch],
  )

  return { editMessage, deleteMessage, toggleReaction, retryChange, dismissChange }
}
