import type { RoomSummary } from '@parley/events'
import type { RoomRegistry } from './room-registry.ts'

/** Who is where, across every instance, and who holds which name. */
export interface Presence {
  users(room: string): Promise<string[]>
  summaries(): Promise<RoomSummary[]>
  /** A name is now in a room on this instance; its members were told. */
  joined(room: string, username: string): void
  /** A name left a room on this instance; its members were told. */
  left(room: string, username: string): void
  /** Another instance announced a join or leave, which this instance's members heard. */
  heard(event: 'userJoined' | 'userLeft', room: string, username: string): void
  /** Holds a name for a session everywhere (connected from `address`); false when another session holds it. */
  claimName(username: string, token: string, address: string): Promise<boolean>
  /** Whether `token` holds `username` and that name is in `room`, on any instance. */
  holdsIn(room: string, username: string, token: string): Promise<boolean>
  /** The token of the session holding `username` on another instance, if one does. */
  tokenOf(username: string): Promise<string | undefined>
  /** The address the session holding `username` on another instance connected from, if one does. */
  addressOf(username: string): Promise<string | undefined>
  /** Lets go of a name this instance no longer uses. */
  releaseName(username: string, token: string): Promise<void>
  close(): Promise<void>
}

/** One instance: this process's registry is the whole truth, and local claims are enough. */
export function localPresence(registry: RoomRegistry): Presence {
  return {
    users: async (room) => registry.users(room),
    summaries: async () => registry.summaries(),
    joined() {},
    left() {},
    heard() {},
    claimName: async () => true,
    // One instance: its own name claims and registry, which the caller asks first, are all there is.
    holdsIn: async () => false,
    tokenOf: async () => undefined,
    addressOf: async () => undefined,
    releaseName: async () => {},
    close: async () => {},
  }
}
