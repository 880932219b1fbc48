import type { ChatEvents } from '@parley/events'
import type { Connection, WsxServer } from '@parley/wsx/server'

/** What the chat remembers about one connection. */
export interface ConnectionData {
  /** Set by the first join; one name per connection while it is in a room. */
  username: string | undefined
  /** Joined rooms, oldest first: the last one is where a room-less message goes. */
  rooms: Set<string>
}

export const newConnectionData = (): ConnectionData => ({ username: undefined, rooms: new Set() })

export type ChatConnection = Connection<ChatEvents, ConnectionData>
export type ChatServer = WsxServer<ChatEvents, ConnectionData>

/** The topic a room's members subscribe to. */
export const roomTopic = (room: string) => `room:${room}`

/** The topic of connections that asked for the room list and want its updates. */
export const ROOM_LIST_TOPIC = 'rooms'
