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

/** A private room's invite link, as its address's fragment carries it. */
export interface InviteLink {
  room: string
  invite: string
}

/**
 * The invite a fragment like `#room=<room>&invite=<token>` carries (the room folded as room
 * names are), or `null`. A fragment never reaches the server, nor its logs.
 */
export function inviteFromHash(hash: string): InviteLink | null {
  const params = new URLSearchParams(hash.replace(/^#/u, ''))
  const room = foldRoomName(params.get('room') ?? '')
  const invite = params.get('invite')?.trim() ?? ''
  return room === '' || invite === '' ? null : { room, invite }
}

/** The invite link of `room`, on the page's `origin`. */
export function inviteLink(origin: string, room: string, invite: string): string {
  return `${origin}/#${new URLSearchParams({ room, invite }).toString()}`
}
