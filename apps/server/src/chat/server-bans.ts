import { CloseCode } from '@parley/wsx/shared'
import type { ChatConnection, ChatServer } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { Logger } from '../ops/logger.ts'
import type { MessageStore, RoomAction, RoomRules, Sanction } from '../storage/message-store.ts'
import type { NamedPerson } from './room-people.ts'
import { type Asker, lasting, sanctionOn, toRoomChange } from './room-settings.ts'

/**
 * Where the server's own bans are kept: the rules and log of a room no one can join, so
 * that they are stored, recorded and carried to every instance like a room's.
 */
export const SERVER_ROOM = '*server*'

const MINUTE_MS = 60_000

/**
 * Bans from the whole server, by the operator: the banned person's connections close on
 * every instance, and every join is refused until the ban ends. By name, by the session
 * that held it, and with `address` by the addresses it connected from; never the operator.
 */
export function registerServerBans({
  server,
  store,
  bus,
  findPerson,
  isOperator,
  checkRate,
  write,
  stored,
  log,
}: {
  server: ChatServer
  store: MessageStore
  bus: RoomBus
  /** The person under a name, anywhere on the server (`room` undefined). */
  findPerson(room: undefined, name: string): Promise<NamedPerson>
  isOperator(conn: ChatConnection): boolean
  checkRate(conn: ChatConnection): void
  write<T>(run: () => Promise<T>): Promise<T>
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
  log: Logger
}) {
  let rules: RoomRules | undefined
  const loaded = store.roomRules(SERVER_ROOM).then((read) => {
    rules ??= read
  })
  bus.watch(SERVER_ROOM)

  /** The ban in force on this person, if any. */
  function banOn(asker: Asker, now: number): Sanction | undefined {
    return rules && rules.bans.length > 0 ? sanctionOn(rules.bans, asker, now) : undefined
  }

  /** Closes this instance's connections of a person the server now bans. */
  function closeBanned(): void {
    const now = Date.now()
    for (const conn of server.connections.values()) {
      if (isOperator(conn) || conn.data.username === undefined) continue
      const ban = banOn({ name: conn.data.username, author: conn.data.author, address: conn.remoteAddress }, now)
      if (ban) conn.close(CloseCode.policyViolation, `Banned from this server ${lasting(ban, now)}`)
    }
  }

  bus.onRoomChanged((change) => {
    if (change.room !== SERVER_ROOM) return
    store.roomRules(SERVER_ROOM).then(
      (read) => {
        rules = read
        if (change.change === 'banned') closeBanned()
      },
      (error: unknown) =>
        log.error('server-ban-failed', { error: error instanceof Error ? error.message : String(error) }),
    )
  })

  async function ask(conn: ChatConnection, clientId: string, action: RoomAction) {
    const change = {
      room: SERVER_ROOM,
      clientId,
      username: conn.data.username ?? 'operator',
      author: conn.data.author,
      timestamp: Date.now(),
      operator: true,
    }
    const outcome = await stored(SERVER_ROOM, () => store.roomChange({ ...change, action }))
    if (outcome.kind === 'refused') throw new Error(outcome.reason)
    rules = outcome.rules
    return outcome
  }

  server.onRequest('serverBan', ({ username, action, minutes, address, clientId }, conn) =>
    write(async () => {
      checkRate(conn)
      if (!isOperator(conn)) throw new Error('Only the operator can ban from the whole server')
      await loaded
      if (!rules) await ask(conn, `${clientId}-server`, { kind: 'create', private: true })
      if (action === 'unban') {
        const outcome = await ask(conn, clientId, { kind: 'unban', target: { name: username } })
        if (outcome.kind === 'changed')
          bus.publish(SERVER_ROOM, 'roomChanged', toRoomChange(outcome.change, outcome.rules))
        return { changed: outcome.kind === 'changed' || outcome.kind === 'duplicate' }
      }
      const { author, addresses } = await findPerson(undefined, username)
      const target = author === undefined ? { name: username } : { name: username, author }
      if (address && addresses.length === 0) throw new Error(`"${username}" is not connected: ban the name alone`)
      const until = minutes === undefined ? {} : { until: Date.now() + minutes * MINUTE_MS }
      const ban: RoomAction = { kind: 'ban', target, addresses: address ? addresses : [], ...until }
      const outcome = await ask(conn, clientId, ban)
      if (outcome.kind === 'changed')
        bus.publish(SERVER_ROOM, 'roomChanged', toRoomChange(outcome.change, outcome.rules))
      return { changed: outcome.kind === 'changed' || outcome.kind === 'duplicate' }
    }),
  )

  return {
    /** Refuses a join from someone the server bans, in words; the operator passes. */
    async checkJoin(conn: ChatConnection, asker: Asker): Promise<void> {
      if (isOperator(conn)) return
      await loaded
      const now = Date.now()
      const ban = banOn(asker, now)
      if (ban) throw new Error(`You are banned from this server ${lasting(ban, now)}`)
    },
  }
}
