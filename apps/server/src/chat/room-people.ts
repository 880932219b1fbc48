import { sameName } from '@parley/events/rules'
import type { ChatServer } from '../connections/connection-data.ts'
import type { NameClaims } from '../presence/name-claims.ts'
import type { Presence } from '../presence/presence.ts'
import type { RoomRegistry } from '../presence/room-registry.ts'
import { sessionAuthor } from './session-author.ts'

/** A person a moderator names: their name as they show it, and their session and addresses when they are connected. */
export interface NamedPerson {
  name: string
  /** The session holding the name now, on any instance. */
  author?: string
  /** Where its connections come from: this instance's in the room, else the one that holds the name elsewhere. */
  addresses: string[]
}

/** Finds the people moderators and owners name, and this instance's connections of a name in a room. */
export function roomPeople({
  server,
  registry,
  names,
  presence,
}: {
  server: ChatServer
  registry: RoomRegistry
  names: NameClaims
  presence: Presence
}) {
  /** This instance's connections in `room`. */
  function connectionsIn(room: string) {
    return [...server.connections.values()].filter((conn) => conn.data.rooms.has(room))
  }

  /** This instance's connections under `name` (any case): in `room`, or in any room without one. */
  function connectionsNamed(room: string | undefined, name: string) {
    const candidates = room === undefined ? [...server.connections.values()] : connectionsIn(room)
    return candidates.filter((conn) => conn.data.username !== undefined && sameName(conn.data.username, name))
  }

  return {
    connectionsIn,

    /**
     * The person under `name`, in `room` or anywhere on the server without one: shown as the
     * room shows them, with their session if the name is held anywhere.
     */
    async find(room: string | undefined, name: string): Promise<NamedPerson> {
      const shown = room === undefined ? undefined : [...registry.names(room)].find((held) => sameName(held, name))
      const token = names.tokenOf(name) ?? (await presence.tokenOf(name))
      const addresses = new Set(connectionsNamed(room, name).map((conn) => conn.remoteAddress))
      // Held on another instance: the address it claimed the name from.
      if (addresses.size === 0 && token !== undefined) {
        const elsewhere = await presence.addressOf(name)
        if (elsewhere !== undefined) addresses.add(elsewhere)
      }
      const person: NamedPerson = { name: shown ?? name, addresses: [...addresses] }
      if (token !== undefined) person.author = sessionAuthor(token)
      return person
    },
  }
}
