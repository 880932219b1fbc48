import type { RoomChange } from '@parley/events'
import { applyRoomChanges } from './room-changes.ts'
import { type HeldSettings, newerSettings, type Standing, standingAfter } from './room-settings.ts'
import { emptyTimeline, type RoomTimeline } from './timeline.ts'

/** What of the chat's state a change to a room touches. */
interface RoomChangeState {
  username: string | null
  rooms: string[]
  timelines: Record<string, RoomTimeline>
  roomSettings: Record<string, HeldSettings>
  standing: Record<string, Standing>
}

/**
 * Takes changes to `room` (a push, or a catch-up page's): each is a line in the timeline
 * and a seq seen; the room's settings follow the newest, and our own standing (muted or
 * not) follows the newest that names us.
 */
export function withRoomChanges<S extends RoomChangeState>(state: S, room: string, changes: readonly RoomChange[]): S {
  if (changes.length === 0) return state
  // Before the first join answer the timeline holds the early pushes; a room left holds nothing.
  const held = state.timelines[room]
  if (!held && !state.rooms.includes(room)) return state
  let { roomSettings, standing } = state
  for (const change of changes) {
    const settings = newerSettings(roomSettings[room], change.settings, change.seq)
    if (settings !== roomSettings[room]) roomSettings = { ...roomSettings, [room]: settings }
    const mine = standingAfter(standing[room], change, state.username)
    if (mine !== standing[room] && mine) standing = { ...standing, [room]: mine }
  }
  const timeline = applyRoomChanges(held ?? emptyTimeline(), changes)
  const timelines = timeline !== held ? { ...state.timelines, [room]: timeline } : state.timelines
  if (timelines === state.timelines && roomSettings === state.roomSettings && standing === state.standing) return state
  return { ...state, timelines, roomSettings, standing }
}
