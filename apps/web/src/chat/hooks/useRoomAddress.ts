import { useEffect } from 'react'
import { roomPath } from '../browser/route.ts'

/**
 * Keeps the address bar on the room on screen (`/r/<room>`), replacing the entry rather
 * than adding one, so Back leaves the chat instead of stepping through rooms.
 */
export function useRoomAddress(username: string | null, current: string | null): void {
  useEffect(() => {
    if (username === null || current === null) return
    const path = roomPath(current)
    if (window.location.pathname !== path) window.history.replaceState(window.history.state, '', path)
  }, [username, current])
}
