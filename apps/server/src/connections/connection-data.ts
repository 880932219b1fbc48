import type { ChatEvents } from '@parley/events'
import type { Connection, WsxServer } from '@parley/wsx/server'
import type { Limits } from '../limits.ts'
import { JoinedRooms } from './joined-rooms.ts'
import { TokenBucket } from './token-bucket.ts'

/** What the chat remembers about one connection. */
export interface ConnectionData {
  /** Set by the first join; one name per connection while it is in a room. */
  username: string | undefined
  /** Joined rooms, oldest first: the last one is where a room-less message goes. */
  rooms: JoinedRooms
  /** The session token under which this connection holds its name, while it does. */
  token: string | undefined
  /** A hash of `token`, kept with each message sent: the session that may edit or delete it. */
  author: string | undefined
  /** Chat messages allowed now. */
  sends: TokenBucket
  /** Searches allowed now (as many as messages, counted apart). */
  searches: TokenBucket
  /** Refusals tolerated before a flood closes the connection. */
  patience: TokenBucket
  /** When this connection last said it was typing, per room. */
  typedAt: Map<string, number>
}

/** Fresh per-connection state under the given limits. */
export function connectionData(limits: Limits): () => ConnectionData {
  return () => ({
    username: undefined,
    rooms: new JoinedRooms(),
    token: undefined,
    author: undefined,
    sends: new TokenBucket(limits.messageRate, limits.messageBurst),
    searches: new TokenBucket(limits.messageRate, limits.messageBurst),
    patience: new TokenBucket(limits.messageRate, limits.messageBurst * 2),
    typedAt: new Map(),
  })
}

export type ChatConnection = Connection<ChatEvents, ConnectionData>
export type ChatServer = WsxServer<ChatEvents, ConnectionData>

/** The topic a room's members subscribe to. */
export const roomTopic = (room: string) => `room:${room}`

/** The topic of connections that asked for the room list and want its updates. */
export const ROOM_LIST_TOPIC = 'rooms'
