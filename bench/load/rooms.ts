// R rooms of M members each, joined and ready: member 0 sends, member 1 times deliveries.
// With several servers, members take turns: member m joins through server m % servers, so
// with two the sender is on the first and the timed member on the second.

import { type BenchClient, type ClientTarget, openClient } from './bench-client.ts'
import { eachLimited } from './each-limited.ts'

export interface Room {
  readonly name: string
  readonly members: BenchClient[]
}

const OPENING_AT_ONCE = 50

/** The names of `rooms` rooms opened under `tag`. */
export const roomNames = (tag: string, rooms: number): string[] =>
  Array.from({ length: rooms }, (_, r) => `${tag}-${r}`)

/**
 * Opens `rooms × members` clients and joins each to its room, member m through
 * `servers[m % servers.length]`; names are unique under `tag`.
 */
export async function openRooms(
  servers: readonly ClientTarget[],
  tag: string,
  rooms: number,
  members: number,
): Promise<Room[]> {
  const opened: Room[] = roomNames(tag, rooms).map((name) => ({ name, members: [] }))
  const seats = opened.flatMap((room, r) => Array.from({ length: members }, (_, m) => ({ room, r, m })))
  try {
    await eachLimited(seats, OPENING_AT_ONCE, async ({ room, r, m }) => {
      const client = await openClient(servers[m % servers.length] as ClientTarget)
      room.members[m] = client
      await client.request('join', { username: `${tag}-${r}-${m}`, room: room.name })
    })
  } catch (error) {
    closeRooms(opened)
    throw error
  }
  return opened
}

/** The member that sends a room's messages. */
export const senderOf = (room: Room): BenchClient => room.members[0] as BenchClient

/** The member whose deliveries are timed: not the sender, when the room has another. */
export const timerOf = (room: Room): BenchClient => (room.members[1] ?? room.members[0]) as BenchClient

/** Closes every member of every room. */
export function closeRooms(rooms: readonly Room[]): void {
  for (const room of rooms) for (const member of room.members) member?.close()
}
