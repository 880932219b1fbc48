import { useCallback, useEffect, useRef } from 'react'
import { createTypingThrottle, nextTypingExpiry } from '../model/typing.ts'
import type { ChatClient } from '../net/client.ts'
import { type ChatStore, watchStore } from '../store.ts'

/**
 * Typing, both ways: forgets each person's signal when it runs out (a timer set for the
 * earliest one, so nobody's "is typing…" outlives it), and returns `typing(room)`, which
 * tells the room we are typing at most once every 2 s.
 */
export function useTyping(client: ChatClient, store: ChatStore) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unwatch = watchStore(
      store,
      (state) => state.typing,
      (typers) => {
        clearTimeout(timer)
        const expiry = nextTypingExpiry(typers)
        if (expiry === null) return
        timer = setTimeout(
          () => store.dispatch({ type: 'typingExpired', now: Date.now() }),
          Math.max(0, expiry - Date.now()),
        )
      },
    )
    return () => {
      unwatch()
      clearTimeout(timer)
    }
  }, [store])

  const throttle = useRef(createTypingThrottle())
  return useCallback(
    (room: string) => {
      // A signal queued while offline would arrive stale: only say it while connected.
      if (client.status !== 'open' || !store.getState().rooms.includes(room)) return
      if (throttle.current(room, Date.now())) client.send('typing', { room })
    },
    [client, store],
  )
}
