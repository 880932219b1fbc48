import type { RoomSummary } from '@parley/events'
import { DEFAULT_ROOM } from '@parley/events/rules'
import { type ConnectionIds, hasConnection, withConnection, withoutConnection } from './connection-ids.ts'
import { compareNames, SortedNames } from './sorted-names.ts'

/**
 * Who is in which room. A name counts once per room however many connections carry
 * it (two tabs of one person), so joins and leaves are announced per name.
 */
export class RoomRegistry {
  /** Room → name → its connections. */
  readonly #rooms = new Map<string, Map<string, ConnectionIds>>()
  /** Each room's names in order, kept as they come and go: read for every join's answer. */
  readonly #sorted = new Map<string, SortedNames>()
  /** Connections per room, kept as they come and go: read for every message. */
  readonly #connectionCounts = new Map<string, number>()

  /** Adds a connection under a name; true when the name is new to the room. */
  join(room: string, username: string, connectionId: string): boolean {
    const members = this.#rooms.get(room) ?? new Map<string, ConnectionIds>()
    this.#rooms.set(room, members)
    const connections = members.get(username)
    const isNew = connections === undefined
    if (isNew) {
      const names = this.#sorted.get(room) ?? new SortedNames()
      this.#sorted.set(room, names)
      names.add(username)
    }
    if (!hasConnection(connections, connectionId)) {
      members.set(username, withConnection(connections, connectionId))
      this.#connectionCounts.set(room, this.connectionCount(room) + 1)
    }
    return isNew
  }

  /** Removes a connection; true when that was the name's last connection in the room. */
  leave(room: string, username: string, connectionId: string): boolean {
    const members = this.#rooms.get(room)
    const connections = members?.get(username)
    if (!members || connections === undefined || !hasConnection(connections, connectionId)) return false
    this.#connectionCounts.set(room, this.connectionCount(room) - 1)
    const left = withoutConnection(connections, connectionId)
    if (left !== undefined) {
      members.set(username, left)
      return false
    }
    members.delete(username)
    this.#sorted.get(room)?.delete(username)
    if (members.size === 0) {
      this.#rooms.delete(room)
      this.#sorted.delete(room)
      this.#connectionCounts.delete(room)
    }
    return true
  }

  /** How many connections are in a room (a name in two tabs counts twice). */
  connectionCount(room: string): number {
    return this.#connectionCounts.get(room) ?? 0
  }

  /** The rooms with someone in them. */
  rooms(): string[] {
    return [...this.#rooms.keys()]
  }

  /** How many rooms have someone in them. */
  get roomCount(): number {
    return this.#rooms.size
  }

  /** The names in a room, sorted (as `localeCompare` orders them). */
  users(room: string): string[] {
    return this.#sorted.get(room)?.list() ?? []
  }

  /** The names in a room, in no particular order (cheaper than `users` when order does not matter). */
  names(room: string): IterableIterator<string> {
    return (this.#rooms.get(room) ?? new Map<string, ConnectionIds>()).keys()
  }

  /** Every room with people in it, busiest first; the default room is always listed. */
  summaries(): RoomSummary[] {
    const rooms = new Map<string, number>([[DEFAULT_ROOM, 0]])
    for (const [name, members] of this.#rooms) rooms.set(name, members.size)
    return [...rooms]
      .map(([name, members]) => ({ name, members }))
      .sort((a, b) => b.members - a.members || compareNames(a.name, b.name))
  }
}
