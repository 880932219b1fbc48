import type { ChatEvents, UploadLimits } from '@parley/events'
import { HISTORY_PAGE_SIZE, sameName } from '@parley/events/rules'
import type { Payload } from '@parley/wsx/shared'
import { type ChatConnection, type ChatServer, ROOM_LIST_TOPIC } from '../connections/connection-data.ts'
import type { RoomBus } from '../delivery/room-bus.ts'
import type { RoomTopics } from '../delivery/room-topics.ts'
import type { MessageFiles } from '../files/message-files.ts'
import { registerHandoffRequest } from '../handoff/handoff-request.ts'
import type { Handoffs } from '../handoff/handoffs.ts'
import type { Limits } from '../limits.ts'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'
import { type NameClaims, newToken } from '../presence/name-claims.ts'
import type { Presence } from '../presence/presence.ts'
import { roomListUpdates } from '../presence/room-list-updates.ts'
import type { RoomRegistry } from '../presence/room-registry.ts'
import { registerSearch } from '../search/search-handler.ts'
import type { MessageStore } from '../storage/message-store.ts'
import { toChatMessage } from './chat-message.ts'
import { registerDirectRooms } from './direct-rooms.ts'
import { registerHistory } from './history-handler.ts'
import { registerMessageChanges } from './message-changes.ts'
import { registerOperators } from './operators.ts'
import { registerReadState } from './read-state.ts'
import { requestGuards } from './request-guards.ts'
import { registerRoomChanges } from './room-changes.ts'
import { roomChecks } from './room-checks.ts'
import { roomPeople } from './room-people.ts'
import { roomRemovals } from './room-removals.ts'
import { RoomRulesCache } from './room-rules-cache.ts'
import { publicSettings } from './room-settings.ts'
import { registerSendMessage } from './send-message.ts'
import { registerServerBans, SERVER_ROOM } from './server-bans.ts'
import { sessionAuthor } from './session-author.ts'

/** Typing signals closer together than this, per connection and room, are dropped. */
const TYPING_MIN_INTERVAL_MS = 1_000

export interface ChatDependencies {
  server: ChatServer
  topics: RoomTopics
  bus: RoomBus
  presence: Presence
  registry: RoomRegistry
  names: NameClaims
  store: MessageStore
  limits: Limits
  log: Logger
  metrics: Metrics
  files: MessageFiles
  /** What the join answer tells clients about uploads. */
  uploadLimits: UploadLimits
  /** The operator's token (`ADMIN_TOKEN`), when the server has one. */
  adminToken: string | undefined
  /** "Continue on another device" codes. */
  handoffs: Handoffs
}

/**
 * The chat's behaviour, after the seed: join, send, leave, room list and presence,
 * with one connection in as many rooms as it likes, and every message stored
 * before it is acknowledged or delivered.
 */
export function registerChatHandlers({
  server,
  topics,
  bus,
  presence,
  registry,
  names,
  store,
  limits,
  log,
  metrics,
  files,
  uploadLimits,
  adminToken,
  handoffs,
}: ChatDependencies) {
  const rules = new RoomRulesCache(store)
  const { checkRate, requireMember, stored, write, drain } = requestGuards({
    metrics,
    log,
    logName: (room) => rules.logName(room),
  })
  const roomList = roomListUpdates(server, presence, (room) => rules.isPrivate(room))
  const readState = registerReadState({ server, bus, store, log, requireMember })
  const { isOperator } = registerOperators({ server, adminToken, checkRate, log })
  const checks = roomChecks({ store, rules, isOperator, stored })

  function leaveRoom(conn: ChatConnection, room: string, why: 'asked' | 'closed' | 'refused' | 'removed'): void {
    const username = conn.data.username
    if (!username || !conn.data.rooms.delete(room)) return
    topics.unsubscribe(conn, room)
    if (registry.leave(room, username, conn.id)) {
      bus.publish(room, 'userLeft', { username, room })
      presence.left(room, username)
    }
    if (registry.connectionCount(room) === 0) {
      bus.unwatch(room)
      rules.forget(room)
      checks.forget(room)
    }
    roomList.changed()
    log.info('leave', { room: rules.logName(room), connectionId: conn.id, why })
    const token = conn.data.token
    if (conn.data.rooms.size === 0 && token !== undefined) {
      readState.left(conn)
      if (names.release(username, conn.id)) void presence.releaseName(username, token)
      conn.data.token = undefined
    }
  }

  /**
   * Holds `username` for this connection, unless another connected session holds it
   * here; `fresh` when the connection did not hold it already (the other instances
   * still have to agree).
   */
  function claimName(conn: ChatConnection, username: string, token: string) {
    const current = conn.data.username
    const held = conn.data.token
    if (held !== undefined && current !== undefined && sameName(current, username)) {
      return { token: held, fresh: false }
    }
    const granted = names.claim(username, conn.id, token)
    if (!granted) throw new Error(`The name "${username}" is taken: pick another`)
    conn.data.token = granted
    return { token: granted, fresh: true }
  }

  /** The session token this connection will hold `username` with, refusing a name it cannot take here. */
  function sessionFor(conn: ChatConnection, username: string, token: string | undefined): string {
    const { username: current, token: held } = conn.data
    if (held !== undefined && current !== undefined && sameName(current, username)) return held
    if (held !== undefined)
      throw new Error(`This connection is already chatting as "${current}"; leave its rooms to change name`)
    const holder = names.tokenOf(username)
    if (holder !== undefined && holder !== token) throw new Error(`The name "${username}" is taken: pick another`)
    return token ?? newToken()
  }

  // A join answers after the room's rules are read; a connection's next join, and the
  // messages and history asks sent after it, wait for it, as if answered in the order sent.
  server.onRequest('join', (payload, conn) => {
    const joined = (conn.data.joining ?? Promise.resolve()).then(() => join(payload, conn))
    const settled = joined.then(
      () => undefined,
      () => undefined,
    )
    conn.data.joining = settled
    void settled.then(() => {
      if (conn.data.joining === settled) conn.data.joining = undefined
    })
    return joined
  })

  async function join(
    { username, room, token, invite, private: asPrivate }: Payload<ChatEvents, 'join'>,
    conn: ChatConnection,
  ) {
    if (!conn.data.rooms.has(room) && conn.data.rooms.size >= limits.maxRoomsPerConnection) {
      throw new Error(`You are in ${limits.maxRoomsPerConnection} rooms already: leave one to join another`)
    }
    const session = sessionFor(conn, username, token)
    // The room's rules first: a refused join holds nothing, and a new room is made, owned by this session.
    if (room === SERVER_ROOM) throw new Error(`"${SERVER_ROOM}" is kept for the server: pick another name`)
    const who = { name: username, author: sessionAuthor(session) }
    await serverBans.checkJoin(conn, { ...who, address: conn.remoteAddress })
    const asked = { invite, private: asPrivate }
    const roomRules = (conn.data.rooms.has(room) && rules.cached(room)) || (await checks.admit(conn, room, asked, who))
    // Closed while the rules were read: it must hold nothing, since its close has been handled.
    if (!conn.isOpen) throw new Error('The connection closed')
    const claim = claimName(conn, username, session)
    conn.data.username = username
    // Re-joining moves the room to the end: it becomes the room joined last.
    const alreadyIn = conn.data.rooms.delete(room)
    conn.data.rooms.add(room)
    if (!alreadyIn) {
      rules.keep(room, roomRules)
      topics.subscribe(conn, room)
      if (registry.join(room, username, conn.id)) {
        bus.publish(room, 'userJoined', { username, room }, conn)
        presence.joined(room, username)
      }
      bus.watch(room)
      roomList.changed()
      log.info('join', { room: rules.logName(room), connectionId: conn.id })
    }
    // Membership first, so what this connection sends next finds it; then the other instances' word on the name.
    if (claim.fresh && !(await presence.claimName(username, claim.token, conn.remoteAddress))) {
      leaveRoom(conn, room, 'refused')
      throw new Error(`The name "${username}" is taken: pick another`)
    }
    // Subscribed before reading: whatever is stored after these reads arrives live, and
    // the messages are read after the last seq, so they show at least every change up to it.
    const lastSeq = await store.lastSeq(room)
    const latest = await store.before(room, undefined, HISTORY_PAGE_SIZE)
    const answerSeq = Math.max(lastSeq, latest.at(-1)?.seq ?? 0)
    const mark = await readState.joined(conn, room, answerSeq)
    return {
      success: true,
      message: `Welcome to ${room}!`,
      users: await presence.users(room),
      room,
      lastSeq: answerSeq,
      messages: latest.map(toChatMessage),
      token: claim.token,
      editWindowSeconds: limits.editWindowSeconds,
      uploadLimits,
      readSeq: mark.seq,
      unread: mark.unread,
      notify: mark.notify,
      settings: publicSettings(rules.cached(room) ?? roomRules),
    }
  }

  registerSendMessage({ server, store, bus, files, metrics, checkRate, checkSend: checks.checkSend, write, stored })
  registerHistory({ server, store, requireMember })
  registerSearch({ server, store, log })
  const people = roomPeople({ server, registry, names, presence })
  const serverBans = registerServerBans({
    server,
    store,
    bus,
    findPerson: people.find,
    isOperator,
    checkRate,
    write,
    stored,
    log,
  })
  registerHandoffRequest({ server, handoffs, checkRate, log })
  const { mayDeleteAny, checkReact } = checks
  registerMessageChanges({
    server,
    bus,
    store,
    limits,
    checkRate,
    requireMember,
    write,
    stored,
    files,
    mayDeleteAny,
    checkReact,
  })
  registerRoomChanges({
    server,
    bus,
    store,
    rules,
    checkRate,
    requireMember,
    write,
    stored,
    isOperator,
    findPerson: people.find,
  })
  const { tellSession } = readState
  registerDirectRooms({ server, store, rules, names, presence, checkRate, write, stored, tellSession })
  roomRemovals({ bus, rules, isOperator, people, leave: (conn, room) => leaveRoom(conn, room, 'removed'), log })

  server.onSend('typing', ({ room }, conn) => {
    const username = conn.data.username
    if (!username || !conn.data.rooms.has(room)) return
    const now = performance.now()
    if (now - (conn.data.typedAt.get(room) ?? -Infinity) < TYPING_MIN_INTERVAL_MS) return
    conn.data.typedAt.set(room, now)
    bus.publish(room, 'userTyping', { username, room }, conn)
  })

  server.onRequest('leave', ({ room }, conn) => {
    if (!conn.data.rooms.has(room)) throw new Error(`You are not in "${room}"`)
    leaveRoom(conn, room, 'asked')
    return { room }
  })

  server.onRequest('listRooms', async (_payload, conn) => {
    conn.subscribe(ROOM_LIST_TOPIC)
    return { rooms: await roomList.visible() }
  })

  server.onRequest('presence', async ({ room }, conn) => {
    requireMember(conn, room, 'see who is there')
    // The joins and leaves this answer counts reach the asker before it.
    topics.release(room)
    return { room, users: await presence.users(room) }
  })

  server.onClose((conn) => {
    for (const room of [...conn.data.rooms]) leaveRoom(conn, room, 'closed')
  })

  return { drain, stop: roomList.stop }
}
