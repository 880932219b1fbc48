import { foldRoomName } from '@parley/events/rules'
/** The address of a room: `/r/<room>`, the name percent-encoded. */
export function roomPath(room: string): string {
  return `/r/${encodeURIComponent(room)}`
}

/**
 * The room a path like `/r/<room>` names, folded to lower case and trimmed as room names
 * are, or `null` when the path names none (or cannot be decoded).
 */
export function roomFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/]+)\/?$/u.exec(pathname)
  if (!match?.[1]) return null
  let room: string
  try {
    room = decodeURIComponent(match[1])
  } catch {
    return null
  }
  const folded = foldRoomName(room)
  return folded === '' ? null : folded
}
