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
  /** Where this instance's connections under that name in the room come from. */
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

  /** This instance's connections in `room` under `name` (any case). */
  function connectionsNamed(room: string, name: string) {
    return connectionsIn(room).filter((conn) => conn.data.username !== undefined && sameName(conn.data.username, name))
  }

  return {
    connectionsIn,
    connectionsNamed,

    /** The person under `name`: shown as the room shows them, with their session if the name is held anywhere. */
    async find(room: string, name: string): Promise<NamedPerson> {
      const shown = [...registry.names(room)].find((held) => sameName(held, name))
      const token = names.tokenOf(name) ?? (await presence.tokenOf(name))
      const person: NamedPerson = {
        name: shown ?? name,
        addresses: [...new Set(connectionsNamed(room, name).map((conn) => conn.remoteAddress))],
      }
      if (token !== undefined) person.author = sessionAuthor(token)
      return person
    },
  }
}
