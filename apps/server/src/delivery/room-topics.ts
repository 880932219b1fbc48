import type { ChatEvents } from '@parley/events'
import type { Payload } from '@parley/wsx/shared'
import { type ChatConnection, type ChatServer, roomTopic } from '../connections/connection-data.ts'
import type { RoomEvent } from './room-events.ts'

/**
 * How long joins and leaves wait before they go out. Bun (uWebSockets) writes everything
 * published to a socket in one turn of its event loop in one write, but each join comes in
 * a turn of its own: a crowd of N joining a room would cost every member N writes, N² in
 * all (5,000 joins in 10 s: 25 million). Held for this long, the joins of one moment reach
 * each member together, in one write.
 */
const PRESENCE_GATHER_MS = 20

type PresenceEvent = 'userJoined' | 'userLeft'

/** What waits for a room's next release, in the order it happened. */
type Held =
  | { kind: 'push'; event: PresenceEvent; payload: Payload<ChatEvents, PresenceEvent>; except?: ChatConnection }
  | { kind: 'subscribe'; conn: ChatConnection }

const isPresence = (event: RoomEvent): event is PresenceEvent => event === 'userJoined' || event === 'userLeft'

/**
 * This instance's room topics: who is subscribed to each room and what is published to it.
 * Joins and leaves are held for PRESENCE_GATHER_MS and go out together; everything else goes
 * out at once, after what the room holds, so each member hears a room's events in the order
 * they happened. A connection joining a room that holds events is subscribed in its turn, at
 * the release: it hears the events after its join, never those before, which its join answer
 * already counts.
 */
export class RoomTopics {
  readonly #server: ChatServer
  readonly #held = new Map<string, Held[]>()
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(server: ChatServer) {
    this.#server = server
  }

  /** Sends an event to the room's members here, but `except`. */
  publish<K extends RoomEvent>(room: string, event: K, payload: Payload<ChatEvents, K>, except?: ChatConnection): void {
    if (isPresence(event)) {
      this.#hold(room, { kind: 'push', event, payload: payload as Payload<ChatEvents, PresenceEvent>, except })
      return
    }
    this.release(room)
    send(this.#server, room, event, payload, except)
  }

  /** Makes `conn` a member of the room's topic: at once, or after what the room holds. */
  subscribe(conn: ChatConnection, room: string): void {
    if (this.#held.has(room)) this.#hold(room, { kind: 'subscribe', conn })
    else conn.subscribe(roomTopic(room))
  }

  unsubscribe(conn: ChatConnection, room: string): void {
    const held = this.#held.get(room)
    if (held) {
      const left = held.filter((entry) => entry.kind !== 'subscribe' || entry.conn !== conn)
      if (left.length > 0) this.#held.set(room, left)
      else this.#held.delete(room)
    }
    conn.unsubscribe(roomTopic(room))
  }

  /** Sends what the room holds now, in order (before an answer that must not overtake it). */
  release(room: string): void {
    const held = this.#held.get(room)
    if (!held) return
    this.#held.delete(room)
    for (const entry of held) {
      if (entry.kind === 'push') send(this.#server, room, entry.event, entry.payload, entry.except)
      else if (entry.conn.isOpen) entry.conn.subscribe(roomTopic(room))
    }
  }

  #hold(room: string, entry: Held): void {
    const held = this.#held.get(room)
    if (held) held.push(entry)
    else this.#held.set(room, [entry])
    this.#timer ??= setTimeout(() => this.#releaseAll(), PRESENCE_GATHER_MS)
  }

  #releaseAll(): void {
    this.#timer = undefined
    for (const room of [...this.#held.keys()]) this.release(room)
  }
}

function send<K extends RoomEvent>(
  server: ChatServer,
  room: string,
  event: K,
  payload: Payload<ChatEvents, K>,
  except?: ChatConnection,
): void {
  if (except) except.publish(roomTopic(room), event, payload)
  else server.publish(roomTopic(room), event, payload)
}
