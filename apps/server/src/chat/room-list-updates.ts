import { type ChatServer, ROOM_LIST_TOPIC } from './connection-data.ts'
import type { RoomRegistry } from './room-registry.ts'

/** How long room-count changes are gathered before one `rooms` push goes out. */
const COALESCE_MS = 100

/** Pushes the room list to its listeners at most once per interval while it changes. */
export function roomListUpdates(server: ChatServer, registry: RoomRegistry) {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    changed(): void {
      if (timer) return
      timer = setTimeout(() => {
        timer = undefined
        server.publish(ROOM_LIST_TOPIC, 'rooms', { rooms: registry.summaries() })
      }, COALESCE_MS)
    },
    stop(): void {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
