import type { JoinRequest, JoinResponse } from '@parley/events'
import type { TokenStore } from './session-token.ts'
import type { Requester } from './sync.ts'

/** What a join may carry besides the name and the room: a private room's invite, or the wish to make a new room private. */
export interface JoinOptions {
  invite?: string
  private?: boolean
}

/**
 * Joins `room` as `username`, sending the browser's session token so a name this
 * browser holds (in another tab, or on a socket a reload left behind) stays ours,
 * and keeps the token the answer brings in its place. `options` go with this join only:
 * once an invite admitted the session, it needs it no more.
 */
export async function joinWithToken(
  client: Requester,
  tokens: TokenStore,
  username: string,
  room: string,
  timeoutMs: number,
  options: JoinOptions = {},
): Promise<JoinResponse> {
  const token = tokens.load()
  const request: JoinRequest = token === null ? { username, room } : { username, room, token }
  if (options.invite !== undefined) request.invite = options.invite
  if (options.private) request.private = true
  const answer = await client.request('join', request, { timeout: timeoutMs })
  tokens.save(answer.token)
  return answer
}

/** A room an automatic rejoin was refused, and the server's reason in words. */
export interface RejoinFailure {
  room: string
  reason: string
}

function listRooms(rooms: readonly string[]): string {
  const named = rooms.map((room) => `#${room}`)
  if (named.length <= 1) return named.join('')
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`
}

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/**
 * What to tell the reader when rooms could not be rejoined, one sentence per reason:
 * `Could not rejoin #a and #b: The name "ann" is taken: pick another.` `null` when none failed.
 */
export function describeRejoinFailures(failures: readonly RejoinFailure[]): string | null {
  if (failures.length === 0) return null
  const roomsByReason = new Map<string, string[]>()
  for (const { room, reason } of failures) {
    const rooms = roomsByReason.get(reason) ?? []
    rooms.push(room)
    roomsByReason.set(reason, rooms)
  }
  return [...roomsByReason]
    .map(([reason, rooms]) => sentence(`Could not rejoin ${listRooms(rooms)}: ${reason}`))
    .join(' ')
}
