import type { RoomSummary } from '@parley/events'
import { type ChatServer, ROOM_LIST_TOPIC } from '../connections/connection-data.ts'
import type { Presence } from './presence.ts'

/** How long room-count changes are gathered before one `rooms` push goes out. */
const COALESCE_MS = 100

/**
 * The room list as everyone may see it (private rooms never in it), pushed to its listeners
 * at most once per interval while it changes.
 */
export function roomListUpdates(server: ChatServer, presence: Presence, isPrivate: (room: string) => Promise<boolean>) {
  let timer: ReturnType<typeof setTimeout> | undefined

  async function visible(): Promise<RoomSummary[]> {
    const rooms = await presence.summaries()
    const hidden = await Promise.all(rooms.map((room) => isPrivate(room.name)))
    return rooms.filter((_, index) => !hidden[index])
  }

  return {
    visible,
    changed(): void {
      if (timer) return
      timer = setTimeout(async () => {
        timer = undefined
        const rooms = await visible().catch(() => undefined)
        if (rooms) server.publish(ROOM_LIST_TOPIC, 'rooms', { rooms })
      }, COALESCE_MS)
    },
    stop(): void {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
