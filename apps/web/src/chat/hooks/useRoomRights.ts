import type { RoomSettings } from '@parley/events'
import { useChatSelector } from '../context.ts'
import { type RoomRights, rightsOf } from '../model/room-settings.ts'

function sameRights(a: RoomRights, b: RoomRights): boolean {
  return a.owner === b.owner && a.moderator === b.moderator && a.operator === b.operator
}

/** What we may do in `room` (re-renders only when that changes); the server checks each request again. */
export function useRoomRights(room: string): RoomRights {
  return useChatSelector(
    (state) => rightsOf(state.roomSettings[room]?.settings, state.username, state.operator),
    sameRights,
  )
}

/** The room's settings as last heard, or `undefined` before its join answer. */
export function useRoomSettings(room: string): RoomSettings | undefined {
  return useChatSelector((state) => state.roomSettings[room]?.settings)
}
