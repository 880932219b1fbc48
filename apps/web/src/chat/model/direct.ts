import type { RoomSettings } from '@parley/events'
import { sameName } from '@parley/events/rules'

/**
 * The other person of a direct conversation (what the room is called on screen), or
 * undefined when the room is not one. `me` is our name; `null` before we have one.
 */
export function directPartner(settings: RoomSettings | undefined, me: string | null): string | undefined {
  const names = settings?.direct
  if (!names || names.length === 0) return undefined
  return names.find((name) => me === null || !sameName(name, me)) ?? names[0]
}
