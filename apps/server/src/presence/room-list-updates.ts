import { type ChatServer, ROOM_LIST_TOPIC } from '../connections/connection-data.ts'
import type { Presence } from './presence.ts'

/** How long room-count changes are gathered before one `rooms` push goes out. */
const COALESCE_MS = 100

/** Pushes the room list to its listeners at most once per interval while it changes. */
export function roomListUpdates(server: ChatServer, presence: Presence) {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    changed(): void {
      if (timer) return
      timer = setTimeout(async () => {
        timer = undefined
        const rooms = await presence.summaries().catch(() => undefined)
        if (rooms) server.publish(ROOM_LIST_TOPIC, 'rooms', { rooms })
      }, COALESCE_MS)
    },
    stop(): void {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
