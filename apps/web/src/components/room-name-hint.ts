import { foldRoomName, ROOM_MAX_LENGTH } from '@parley/events/rules'

/** The rule room names follow, as the forms show it. */
const ROOM_NAME_RULE = `Up to ${ROOM_MAX_LENGTH} characters; names ignore case, so “Design” is #design.`

/** What the forms say under a room name: where it leads once trimmed and folded, or the rule. */
export function roomNameHint(typed: string): string {
  const folded = foldRoomName(typed)
  return folded !== '' && folded !== typed ? `Joins #${folded}. ${ROOM_NAME_RULE}` : ROOM_NAME_RULE
}
