import type { ChatEvents } from '@parley/events'
import type { Connection, WsxServer } from '@parley/wsx/server'
import { sessionAuthor } from '../chat/session-author.ts'
import type { Limits } from '../limits.ts'
import { JoinedRooms } from './joined-rooms.ts'
import { TokenBucket } from './token-bucket.ts'

/**
 * What the chat remembers about one connection. The rate limits, the typing times and
 * the author hash are made when first used: a connection that only listens never needs them.
 */
export class ConnectionData {
  /** Set by the first join; one name per connection while it is in a room. */
  username: string | undefined = undefined
  /**
   * Settles when the joins this connection sent so far are answered: a join reads the room's
   * rules before it lets the connection in, and what was sent after it waits for that.
   */
  joining: Promise<void> | undefined = undefined
  /** Joined rooms, oldest first: the last one is where a room-less message goes. */
  readonly rooms = new JoinedRooms()
  readonly #limits: Limits
  #token: string | undefined
  #author: string | undefined
  #sends: TokenBucket | undefined
  #searches: TokenBucket | undefined
  #patience: TokenBucket | undefined
  #typedAt: Map<string, number> | undefined

  constructor(limits: Limits) {
    this.#limits = limits
  }

  /** The session token under which this connection holds its name, while it does. */
  get token(): string | undefined {
    return this.#token
  }

  set token(token: string | undefined) {
    if (token !== this.#token) this.#author = undefined
    this.#token = token
  }

  /**
   * A hash of `token`, kept with each message sent: the session that may edit or delete
   * it. Hashed when first needed, then kept while the token is.
   */
  get author(): string | undefined {
    if (this.#token === undefined) return undefined
    this.#author ??= sessionAuthor(this.#token)
    return this.#author
  }

  /** Chat messages allowed now. */
  get sends(): TokenBucket {
    this.#sends ??= new TokenBucket(this.#limits.messageRate, this.#limits.messageBurst)
    return this.#sends
  }

  /** Searches allowed now (as many as messages, counted apart). */
  get searches(): TokenBucket {
    this.#searches ??= new TokenBucket(this.#limits.messageRate, this.#limits.messageBurst)
    return this.#searches
  }

  /** Refusals tolerated before a flood closes the connection. */
  get patience(): TokenBucket {
    this.#patience ??= new TokenBucket(this.#limits.messageRate, this.#limits.messageBurst * 2)
    return this.#patience
  }

  /** When this connection last said it was typing, per room. */
  get typedAt(): Map<string, number> {
    this.#typedAt ??= new Map()
    return this.#typedAt
  }
}

/** Fresh per-connection state under the given limits. */
export function connectionData(limits: Limits): () => ConnectionData {
  return () => new ConnectionData(limits)
}

export type ChatConnection = Connection<ChatEvents, ConnectionData>
export type ChatServer = WsxServer<ChatEvents, ConnectionData>

/** The topic a room's members subscribe to. */
export const roomTopic = (room: string) => `room:${room}`

/** The topic of connections that asked for the room list and want its updates. */
export const ROOM_LIST_TOPIC = 'rooms'
