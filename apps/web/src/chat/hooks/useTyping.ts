import { type Dispatch, type RefObject, useCallback, useEffect, useRef } from 'react'
import type { ChatAction, ChatState } from '../model/state.ts'
import { createTypingThrottle, nextTypingExpiry, type TypingByRoom } from '../model/typing.ts'
import type { ChatClient } from '../net/client.ts'

/**
 * Typing, both ways: forgets each person's signal when it runs out (a timer set for the
 * earliest one, so nobody's "is typing…" outlives it), and returns `typing(room)`, which
 * tells the room we are typing at most once every 2 s.
 */
export function useTyping(
  client: ChatClient,
  dispatch: Dispatch<ChatAction>,
  stateRef: RefObject<ChatState>,
  typers: TypingByRoom,
) {
  useEffect(() => {
    const expiry = nextTypingExpiry(typers)
    if (expiry === null) return
    const timer = setTimeout(
      () => dispatch({ type: 'typingExpired', now: Date.now() }),
      Math.max(0, expiry - Date.now()),
    )
    return () => clearTimeout(timer)
  }, [typers, dispatch])

  const throttle = useRef(createTypingThrottle())
  return useCallback(
    (room: string) => {
      // A signal queued while offline would arrive stale: only say it while connected.
      if (client.status !== 'open' || !stateRef.current.rooms.includes(room)) return
      if (throttle.current(room, Date.now())) client.send('typing', { room })
    },
    [client, stateRef],
  )
}
