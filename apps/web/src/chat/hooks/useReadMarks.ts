import type { NotifyLevel } from '@parley/events/rules'
import { useCallback, useEffect } from 'react'
import { describeError, isTransient } from '../model/errors.ts'
import type { ChatClient } from '../net/client.ts'
import { type ChatStore, watchStore } from '../store.ts'

/** Marks made within this long go out together, so a room read as messages arrive sends one mark, not one per message. */
const MARK_EVERY_MS = 400
/** After a mark failed for want of a connection, it is sent again this much later. */
const RETRY_MS = 5_000
const TIMEOUT_MS = 5_000

/**
 * Keeps the server's read state for this session in step with this tab: sends `markRead`
 * for each room read further here than the server holds, takes its answers and the
 * `readState` pushes of the session's other tabs and devices, and sets a room's
 * notification level (`setNotifyLevel`, shown at once, put back if refused).
 */
export function useReadMarks(client: ChatClient, store: ChatStore) {
  const { dispatch, getState } = store

  useEffect(() => {
    /** The seq each room's mark in flight reads through. */
    const sending = new Map<string, number>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = (delay = MARK_EVERY_MS) => {
      timer ??= setTimeout(send, delay)
    }

    function send(): void {
      timer = undefined
      const { rooms, readSeq, savedSeq } = getState()
      for (const room of rooms) {
        const seq = readSeq[room] ?? 0
        if (seq <= (savedSeq[room] ?? 0) || seq <= (sending.get(room) ?? 0)) continue
        sending.set(room, seq)
        client
          .request('markRead', { room, seq }, { timeout: TIMEOUT_MS })
          .then(
            (answer) => dispatch({ type: 'readSaved', room: answer.room, seq: answer.seq }),
            (error: unknown) => {
              // Refused (the room was left, the server lost its newest messages): nothing to send again.
              if (isTransient(error)) schedule(RETRY_MS)
            },
          )
          .finally(() => {
            if (sending.get(room) === seq) sending.delete(room)
          })
      }
    }

    const stopWatching = watchStore(
      store,
      (state) => state.readSeq,
      () => schedule(),
    )
    const stopPushes = client.on('readState', ({ room, seq, notify }) => {
      dispatch({ type: 'readSaved', room, seq, notify })
    })
    return () => {
      stopWatching()
      stopPushes()
      clearTimeout(timer)
    }
  }, [client, store, dispatch, getState])

  const setNotifyLevel = useCallback(
    (room: string, level: NotifyLevel) => {
      const before = getState().notify[room] ?? 'mentions'
      dispatch({ type: 'notifyLevel', room, level })
      client.request('notifyLevel', { room, level }, { timeout: TIMEOUT_MS }).catch((error: unknown) => {
        dispatch({ type: 'notifyLevel', room, level: before })
        dispatch({ type: 'notice', notice: `Notifications for #${room} stay as they were: ${describeError(error)}` })
      })
    },
    [client, dispatch, getState],
  )

  return { setNotifyLevel }
}
