import { DIRECT_ROOM_PREFIX, sameName } from '@parley/events/rules'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { NameClaims } from '../presence/name-claims.ts'
import type { Presence } from '../presence/presence.ts'
import type { MessageStore, RoomRules } from '../storage/message-store.ts'
import type { RoomRulesCache } from './room-rules-cache.ts'
import { sessionAuthor } from './session-author.ts'

/** How many hex digits of the hash a direct room's name keeps (80 bits). */
const NAME_HASH_LENGTH = 20

/**
 * The room of the direct conversation between two sessions (their token hashes): `dm-` and
 * the start of a SHA-256 of both in order, so the same two sessions always meet in the same
 * room, whoever asks, and a new session (a new browser) starts a conversation of its own
 * rather than finding the old one closed to it. Hex, since room names are folded to lower case.
 */
export function directRoomName(a: string, b: string): string {
  const sessions = [a, b].sort()
  const hash = new Bun.CryptoHasher('sha256').update(sessions.join('\n')).digest('hex')
  return `${DIRECT_ROOM_PREFIX}${hash.slice(0, NAME_HASH_LENGTH)}`
}

interface DirectRoomDependencies {
  server: ChatServer
  store: MessageStore
  rules: RoomRulesCache
  names: NameClaims
  presence: Presence
  checkRate(conn: ChatConnection): void
  write<T>(run: () => Promise<T>): Promise<T>
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
  /** Tells a session's connections, on every instance. */
  tellSession(author: string, event: 'directRoomOpened', payload: { room: string; from: string }): void
}

/**
 * `directRoom`: a private room for exactly two sessions, made on first use with both as its
 * members and nobody as its owner, and `directRoomOpened` pushed to the other person's
 * connections (on any instance) so they join it.
 */
export function registerDirectRooms({
  server,
  store,
  rules,
  names,
  presence,
  checkRate,
  write,
  stored,
  tellSession,
}: DirectRoomDependencies): void {
  /** Whether the stored room is a direct conversation (its name is these two sessions'). */
  function check(room: string, current: RoomRules): void {
    if (!current.direct) throw new Error(`"${room}" is not a direct conversation`)
  }

  server.onRequest('directRoom', ({ username }, conn) =>
    write(async () => {
      checkRate(conn)
      const { username: name, author } = conn.data
      if (name === undefined || author === undefined || conn.data.rooms.size === 0) {
        throw new Error('Join a room before talking to someone privately')
      }
      if (sameName(name, username)) throw new Error('A direct conversation needs someone else: pick another name')
      const token = names.tokenOf(username) ?? (await presence.tokenOf(username))
      if (token === undefined) throw new Error(`"${username}" is not connected: they must be here to talk privately`)
      const other = { name: username, author: sessionAuthor(token) }
      const room = directRoomName(author, other.author)
      let current = await rules.read(room)
      if (!current) {
        const outcome = await stored(room, () =>
          store.roomChange({
            room,
            clientId: crypto.randomUUID(),
            username: name,
            author,
            timestamp: Date.now(),
            operator: false,
            action: {
              kind: 'create',
              private: true,
              direct: { names: [name, username], members: [author, other.author] },
            },
          }),
        )
        if (outcome.kind === 'refused') throw new Error(outcome.reason)
        if (outcome.kind !== 'done' && outcome.kind !== 'unchanged') throw new Error('That room could not be made')
        current = outcome.rules
      }
      check(room, current)
      tellSession(other.author, 'directRoomOpened', { room, from: name })
      return { room }
    }),
  )
}
