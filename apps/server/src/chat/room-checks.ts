import { DEFAULT_ROOM, DIRECT_ROOM_PREFIX, usernameKey } from '@parley/events/rules'
import type { ChatConnection } from '../connections/connection-data.ts'
import type { MessageStore, RoomAction, RoomRules } from '../storage/message-store.ts'
import { DIRECT_ONLY } from '../storage/plan-room-changes.ts'
import { newInvite } from './invites.ts'
import { type RoomRulesCache, standingIn } from './room-rules-cache.ts'
import { lasting, sanctionOn } from './room-settings.ts'

/** Who joins: the name, and the session that will hold it. */
export interface Who {
  name: string
  author: string | undefined
}

/** What a join asks of the room beyond joining it. */
export interface JoinAsk {
  invite?: string | undefined
  private?: boolean | undefined
}

/**
 * The room's rules at the door and on the way in: who may join (bans, private rooms and
 * their invites; the first join of a new room makes it, owned by the joiner), and who may
 * send or react now (mutes, slow mode). Owners, moderators and the operator pass them all,
 * except a direct conversation's door: only its two sessions pass that.
 */
export function roomChecks({
  store,
  rules,
  isOperator,
  stored,
}: {
  store: MessageStore
  rules: RoomRulesCache
  isOperator(conn: ChatConnection): boolean
  stored<T>(room: string, run: () => Promise<T>): Promise<T>
}) {
  /** When each name last sent in each slow-mode room: `room\nname key` → ms. */
  const lastSent = new Map<string, number>()

  async function ask(conn: ChatConnection, room: string, who: Who, action: RoomAction) {
    const outcome = await stored(room, () =>
      store.roomChange({
        room,
        clientId: crypto.randomUUID(),
        username: who.name,
        author: who.author,
        timestamp: Date.now(),
        operator: isOperator(conn),
        action,
      }),
    )
    if (outcome.kind === 'refused') throw new Error(outcome.reason)
    return outcome.rules
  }

  return {
    /**
     * Lets a connection that holds its name into a room, or refuses it in words; makes the
     * room when it never existed. The rules as they stand once it is in.
     */
    async admit(conn: ChatConnection, room: string, asked: JoinAsk, who: Who): Promise<RoomRules> {
      // The default room is everyone's first: never private, and no owner until the operator
      // names one, or whoever reached a new server first would run it for everyone.
      const everyones = room === DEFAULT_ROOM
      const create: RoomAction =
        asked.private && !everyones
          ? { kind: 'create', private: true, invite: newInvite() }
          : { kind: 'create', private: false }
      const existing = await rules.read(room)
      if (!existing && room.startsWith(DIRECT_ROOM_PREFIX)) {
        throw new Error(
          `Room names starting with "${DIRECT_ROOM_PREFIX}" are kept for direct conversations: pick another`,
        )
      }
      const current = existing ?? (await ask(conn, room, everyones ? { ...who, author: undefined } : who, create))
      const { author } = who
      // Nobody but its two sessions, the operator included.
      if (current.direct) {
        if (author !== undefined && current.members.includes(author)) return current
        throw new Error(DIRECT_ONLY)
      }
      if (standingIn(current, author, isOperator(conn))) return current
      const now = Date.now()
      const ban = sanctionOn(current.bans, { name: who.name, author, address: conn.remoteAddress }, now)
      if (ban) throw new Error(`You are banned from "${room}" ${lasting(ban, now)}`)
      if (!current.private || (author !== undefined && current.members.includes(author))) return current
      if (asked.invite === undefined) throw new Error(`The room "${room}" is private: join it with an invite link`)
      return ask(conn, room, who, { kind: 'admit', invite: asked.invite })
    },

    /** Refuses a message from someone muted, or sooner than slow mode allows. */
    checkSend(conn: ChatConnection, room: string, now: number): void {
      const current = rules.cached(room)
      if (!current || (current.mutes.length === 0 && current.slowModeSeconds === 0)) return
      if (standingIn(current, conn.data.author, isOperator(conn))) return
      checkMute(conn, room, current, now)
      if (current.slowModeSeconds === 0) return
      const key = `${room}\n${usernameKey(conn.data.username ?? '')}`
      const waitMs = (lastSent.get(key) ?? 0) + current.slowModeSeconds * 1000 - now
      if (waitMs > 0) throw new Error(`Slow mode: you can send again in ${Math.ceil(waitMs / 1000)} s`)
      lastSent.set(key, now)
    },

    /** Refuses a reaction from someone muted. */
    checkReact(conn: ChatConnection, room: string, now: number): void {
      const current = rules.cached(room)
      if (!current || current.mutes.length === 0 || standingIn(current, conn.data.author, isOperator(conn))) return
      checkMute(conn, room, current, now)
    },

    /**
     * Whether a connection may delete anyone's message in the room. A right named on another
     * instance a moment ago may not be here yet: asked of storage before saying no.
     */
    async mayDeleteAny(conn: ChatConnection, room: string): Promise<boolean> {
      if (isOperator(conn)) return true
      const { author } = conn.data
      const current = rules.cached(room)
      if (current && standingIn(current, author, false)) return true
      const stored = await store.roomRules(room)
      return stored !== undefined && standingIn(stored, author, false) !== undefined
    },

    /** Forgets a room's slow-mode times: this instance has no one there any more. */
    forget(room: string): void {
      for (const key of lastSent.keys()) if (key.startsWith(`${room}\n`)) lastSent.delete(key)
    },
  }
}

function checkMute(conn: ChatConnection, room: string, current: RoomRules, now: number): void {
  const mute = sanctionOn(current.mutes, { name: conn.data.username ?? '', author: conn.data.author }, now)
  if (mute) throw new Error(`You are muted in "${room}" ${lasting(mute, now)}`)
}
