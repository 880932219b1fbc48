import type { RoomSummary } from '@parley/events'
import { DEFAULT_ROOM, redisKeys } from '@parley/events/rules'
import { RedisClient } from 'bun'
import { z } from 'zod'
import type { RoomTopics } from '../delivery/room-topics.ts'
import type { Logger } from '../ops/logger.ts'
import type { Presence } from './presence.ts'
import type { RoomRegistry } from './room-registry.ts'
import { compareNames } from './sorted-names.ts'

/** How often an instance says who is with it, and how long that stays true without a word: a dead instance's people are gone from everyone's presence within 13 s. */
const HEARTBEAT_MS = 3_000
const EXPIRY_MS = 10_000

const { presence: roomKey, name: nameKey, nameAddress: addressKey, rooms: ROOMS_KEY } = redisKeys

const stringList = z.array(z.string())

export interface RedisPresenceOptions {
  url: string
  /** This instance's room topics, where joins and leaves heard from elsewhere reach its members. */
  topics: RoomTopics
  registry: RoomRegistry
  log: Logger
  instanceId: string
}

/**
 * Presence across instances in Redis, kept alive by heartbeats: each instance writes
 * its rooms' names into a sorted set per room, scored by when the entry expires, and
 * refreshes them every 3 s. An instance that dies stops refreshing; within 13 s its
 * people drop out, and the others announce them as gone to their own members. Names
 * are held with a key per name that expires unless its holder refreshes it.
 */
export async function redisPresence({
  url,
  topics,
  registry,
  log,
  instanceId,
}: RedisPresenceOptions): Promise<Presence> {
  const redis = new RedisClient(url, { maxRetries: 10 })
  await redis.connect()
  /** What this instance's members were last told about each room, to announce the difference. */
  const announced = new Map<string, Set<string>>()
  /** Names this instance holds, with their session tokens and the address that claimed them. */
  const heldNames = new Map<string, { token: string; address: string }>()

  const member = (username: string) => `${instanceId}\n${username}`

  /** The names every instance has in a room right now, in no particular order. */
  async function liveUsers(room: string): Promise<Set<string>> {
    const now = Date.now()
    const entries = stringList.parse(await redis.send('ZRANGEBYSCORE', [roomKey(room), String(now), '+inf']))
    return new Set(entries.map((entry) => entry.slice(entry.indexOf('\n') + 1)))
  }

  /** Live names in a room, this instance's own included (Redis may not have them yet). */
  async function everyone(room: string): Promise<Set<string>> {
    const names = await liveUsers(room).catch(() => new Set<string>())
    for (const local of registry.names(room)) names.add(local)
    return names
  }

  async function heartbeat(): Promise<void> {
    const expires = String(Date.now() + EXPIRY_MS)
    for (const room of registry.rooms()) {
      const args = [...registry.names(room)].flatMap((username) => [expires, member(username)])
      if (args.length > 0) await redis.send('ZADD', [roomKey(room), ...args])
      await redis.send('ZADD', [ROOMS_KEY, expires, room])
    }
    for (const [username, { token, address }] of heldNames) {
      await redis.set(nameKey(username), token, 'PX', EXPIRY_MS)
      await redis.set(addressKey(username), address, 'PX', EXPIRY_MS)
    }
  }

  /** Tells local members about people who appeared or vanished elsewhere (an instance that died, say). */
  async function reconcile(): Promise<void> {
    const now = String(Date.now())
    for (const room of registry.rooms()) {
      await redis.send('ZREMRANGEBYSCORE', [roomKey(room), '-inf', now])
      const present = await liveUsers(room)
      for (const local of registry.names(room)) present.add(local)
      const before = announced.get(room)
      if (before) {
        for (const username of before) if (!present.has(username)) topics.publish(room, 'userLeft', { username, room })
        for (const username of present)
          if (!before.has(username)) topics.publish(room, 'userJoined', { username, room })
      }
      announced.set(room, present)
    }
    for (const room of announced.keys()) if (!registry.rooms().includes(room)) announced.delete(room)
  }

  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      await heartbeat()
      await reconcile()
    } catch (error) {
      log.warn('presence-heartbeat-failed', { error: error instanceof Error ? error.message : String(error) })
      if (!redis.connected) redis.connect().catch(() => undefined)
    } finally {
      running = false
    }
  }, HEARTBEAT_MS)

  function note(room: string, username: string, present: boolean): void {
    const names = announced.get(room)
    if (!names) return
    if (present) names.add(username)
    else names.delete(username)
  }

  return {
    joined(room, username) {
      note(room, username, true)
      const expires = String(Date.now() + EXPIRY_MS)
      redis.send('ZADD', [roomKey(room), expires, member(username)]).catch(() => undefined)
      redis.send('ZADD', [ROOMS_KEY, expires, room]).catch(() => undefined)
    },
    left(room, username) {
      note(room, username, false)
      redis.send('ZREM', [roomKey(room), member(username)]).catch(() => undefined)
    },
    heard(event, room, username) {
      note(room, username, event === 'userJoined')
    },
    async users(room) {
      const users = await everyone(room)
      announced.set(room, new Set(users))
      return [...users].sort(compareNames)
    },
    async summaries(): Promise<RoomSummary[]> {
      const now = String(Date.now())
      const rooms = new Set([DEFAULT_ROOM, ...registry.rooms()])
      const known = await redis.send('ZRANGEBYSCORE', [ROOMS_KEY, now, '+inf']).catch(() => [])
      for (const room of stringList.catch([]).parse(known)) rooms.add(room)
      const counted = await Promise.all(
        [...rooms].map(async (name) => ({ name, members: (await everyone(name)).size })),
      )
      return counted
        .filter((room) => room.members > 0 || room.name === DEFAULT_ROOM)
        .sort((a, b) => b.members - a.members || compareNames(a.name, b.name))
    },
    async claimName(username, token, address) {
      const key = nameKey(username)
      const taken = await redis.set(key, token, 'PX', String(EXPIRY_MS), 'NX')
      if (taken === 'OK' || (await redis.get(key)) === token) {
        heldNames.set(username, { token, address })
        await redis.set(key, token, 'PX', EXPIRY_MS)
        await redis.set(addressKey(username), address, 'PX', EXPIRY_MS)
        return true
      }
      return false
    },
    async holdsIn(room, username, token) {
      if ((await redis.get(nameKey(username))) !== token) return false
      return (await liveUsers(room)).has(username)
    },
    async tokenOf(username) {
      return (await redis.get(nameKey(username))) ?? undefined
    },
    async addressOf(username) {
      return (await redis.get(addressKey(username))) ?? undefined
    },
    async releaseName(username, token) {
      heldNames.delete(username)
      const key = nameKey(username)
      if ((await redis.get(key).catch(() => null)) === token) {
        await redis.del(key).catch(() => undefined)
        await redis.del(addressKey(username)).catch(() => undefined)
      }
    },
    async close() {
      clearInterval(timer)
      // Leave at once rather than by expiry.
      for (const room of registry.rooms()) {
        const members = [...registry.names(room)].map(member)
        if (members.length > 0) await redis.send('ZREM', [roomKey(room), ...members]).catch(() => undefined)
      }
      for (const [username, { token }] of heldNames) {
        if ((await redis.get(nameKey(username)).catch(() => null)) === token) {
          await redis.del(nameKey(username))
          await redis.del(addressKey(username))
        }
      }
      redis.close()
    },
  }
}
