import type { RoomChangeAnswer } from '@parley/events'
import { MUTE_DEFAULT_MINUTES, sameName } from '@parley/events/rules'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { MessageStore, RoomAction } from '../storage/message-store.ts'
import { newInvite } from './invites.ts'
import type { NamedPerson } from './room-people.ts'
import { type RoomRulesCache, standingIn } from './room-rules-cache.ts'
import { publicSettings, toRoomChange } from './room-settings.ts'

interface RoomChangeDependencies {
  server: ChatServer
  bus: RoomBus
  store: MessageStore
  rules: RoomRulesCache
  checkRate(conn: ChatConnection): void
  requireMember(conn: ChatConnection, room: string, doing: string): void
  write<T>(run: () => Promise<T>): Promise<T>
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
  isOperator(conn: ChatConnection): boolean
  findPerson(room: string, name: string): Promise<NamedPerson>
}

const MINUTE_MS = 60_000

/**
 * Changes to a room: its topic, slow mode, owner and moderators, moderation of the people
 * in it, and its invite. Each is checked by the store against the rules as stored,
 * recorded at its own seq in the room's log, and pushed to the room as `roomChanged`.
 */
export function registerRoomChanges({
  server,
  bus,
  store,
  rules,
  checkRate,
  requireMember,
  write,
  stored,
  isOperator,
  findPerson,
}: RoomChangeDependencies): void {
  async function change(
    conn: ChatConnection,
    room: string,
    clientId: string,
    action: RoomAction,
  ): Promise<RoomChangeAnswer> {
    const { username, author } = conn.data
    if (!username) throw new Error(`Join "${room}" to change it`)
    const outcome = await stored(room, () =>
      store.roomChange({
        room,
        clientId,
        username,
        author,
        timestamp: Date.now(),
        operator: isOperator(conn),
        action,
      }),
    )
    if (outcome.kind === 'refused') throw new Error(outcome.reason)
    if (rules.cached(room)) rules.keep(room, outcome.rules)
    const settings = publicSettings(outcome.rules)
    if (outcome.kind === 'changed') bus.publish(room, 'roomChanged', toRoomChange(outcome.change, outcome.rules))
    if (outcome.kind === 'changed' || outcome.kind === 'duplicate')
      return { room, changed: true, seq: outcome.change.seq, settings }
    return { room, changed: false, settings }
  }

  /** A change asked over the socket: counted against the rate, from a member of the room. */
  function asked(conn: ChatConnection, room: string, clientId: string, action: () => Promise<RoomAction>) {
    return write(async () => {
      checkRate(conn)
      requireMember(conn, room, 'change it')
      return change(conn, room, clientId, await action())
    })
  }

  /** A person who must be connected now: their session is what the right goes to. */
  async function connected(room: string, name: string, doing: string) {
    const person = await findPerson(room, name)
    if (person.author === undefined) throw new Error(`"${name}" is not connected: they must be here to be ${doing}`)
    return { name: person.name, author: person.author }
  }

  server.onRequest('setTopic', ({ room, topic, clientId }, conn) =>
    asked(conn, room, clientId, async () => ({ kind: 'topic', topic })),
  )
  server.onRequest('setSlowMode', ({ room, seconds, clientId }, conn) =>
    asked(conn, room, clientId, async () => ({ kind: 'slowMode', seconds })),
  )
  server.onRequest('setOwner', ({ room, username, clientId }, conn) =>
    asked(conn, room, clientId, async () => ({
      kind: 'owner',
      target: await connected(room, username, 'given the room'),
    })),
  )
  server.onRequest('setModerator', ({ room, username, add, clientId }, conn) =>
    asked(conn, room, clientId, async () => {
      if (add) return { kind: 'moderator', add, target: await connected(room, username, 'made a moderator') }
      const known = rules.cached(room)?.moderators.find((person) => sameName(person.name, username))
      if (!known) throw new Error(`"${username}" is not a moderator of "${room}"`)
      return { kind: 'moderator', add, target: known }
    }),
  )
  server.onRequest('moderate', ({ room, username, action, minutes, address, clientId }, conn) =>
    asked(conn, room, clientId, async () => {
      if (action === 'unmute' || action === 'unban') return { kind: action, target: { name: username } }
      const person = await findPerson(room, username)
      const target = person.author === undefined ? { name: person.name } : { name: person.name, author: person.author }
      const now = Date.now()
      if (action === 'mute') return { kind: 'mute', target, until: now + (minutes ?? MUTE_DEFAULT_MINUTES) * MINUTE_MS }
      if (action === 'remove') return { kind: 'remove', target }
      const addresses = address ? person.addresses : []
      if (address && addresses.length === 0)
        throw new Error(`"${person.name}" is not connected here, so there is no address to ban: ban the name alone`)
      return minutes === undefined
        ? { kind: 'ban', target, addresses }
        : { kind: 'ban', target, addresses, until: now + minutes * MINUTE_MS }
    }),
  )

  server.onRequest('roomInvite', async ({ room, rotate, clientId }, conn) => {
    checkRate(conn)
    requireMember(conn, room, 'see its invite')
    const current = await rules.read(room)
    if (!current?.private) throw new Error(`"${room}" is not private: anyone can join it by its name`)
    if (current.direct) throw new Error('A direct conversation has no invite: it is for its two people only')
    if (!standingIn(current, conn.data.author, isOperator(conn)))
      throw new Error("Only the room's owner and moderators can see its invite")
    if (rotate) {
      await write(() =>
        change(conn, room, clientId ?? crypto.randomUUID(), { kind: 'rotateInvite', invite: newInvite() }),
      )
    }
    const invite = (rotate ? await rules.read(room) : current)?.invite
    if (!invite) throw new Error(`"${room}" has no invite yet: replace it to make one`)
    return { room, invite }
  })

  server.onRequest('moderationLog', async ({ room, before, limit }, conn) => {
    checkRate(conn)
    requireMember(conn, room, 'see its moderation record')
    const current = await rules.read(room)
    if (!current || !standingIn(current, conn.data.author, isOperator(conn)))
      throw new Error("Only the room's owner and moderators can see its moderation record")
    const entries = await store.roomChangesBefore(room, before, limit)
    return { room, entries: entries.map((entry) => toRoomChange(entry, current)), hasMore: entries.length === limit }
  })
}
