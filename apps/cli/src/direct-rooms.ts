import { reasonOf } from './lines.ts'
import type { RoomSession } from './session.ts'

/** The room of the direct conversation with `username` (asked of the server), joined in place of this one. */
export async function openDirect(session: RoomSession, username: string): Promise<void> {
  try {
    const { room } = await session.whileJoined(() => session.client.request('directRoom', { username }))
    const was = session.room
    if (room === was) return
    await session.moveTo(room)
    session.out.line(`(/join ${was} goes back)`)
  } catch (error) {
    session.out.problem(`No direct conversation: ${reasonOf(error)}`)
  }
}

/**
 * When someone opens a direct conversation with this name (`directRoomOpened`), says so and
 * goes to it, unless it is there already; `/join` takes it back.
 */
export function followDirectRooms(session: RoomSession): void {
  session.client.on('directRoomOpened', ({ room, from }) => {
    if (room === session.room) return
    const was = session.room
    session.out.line(`* ${from} opened a direct conversation with you: joining it (/join ${was} goes back)`)
    session.moveTo(room).catch((error: unknown) => session.out.problem(`Could not join: ${reasonOf(error)}`))
  })
}
