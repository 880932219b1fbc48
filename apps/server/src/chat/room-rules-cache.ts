import type { RoomChange } from '@parley/events'
import { usernameKey } from '@parley/events/rules'
import type { MessageStore, RoomRules, Sanction } from '../storage/message-store.ts'

/** What a connection may do in a room beyond chatting: every right, or the room's own. */
export type Standing = 'operator' | 'owner' | 'moderator' | undefined

/** Where a person stands in a room, from the rules and the asking session (`author`). */
export function standingIn(rules: RoomRules, author: string | undefined, operator: boolean): Standing {
  if (operator) return 'operator'
  if (author === undefined) return undefined
  if (rules.owner?.author === author) return 'owner'
  if (rules.moderators.some((person) => person.author === author)) return 'moderator'
  return undefined
}

/**
 * Each room's rules, in memory while this instance has members in the room (checked for
 * every message: mutes, slow mode), read from storage otherwise. Kept current by the
 * room's own changes: this instance's as they are stored, the others' as they are heard.
 * Whether a room is private never changes once it exists, so that is kept for good.
 */
export class RoomRulesCache {
  readonly #store: MessageStore
  readonly #rules = new Map<string, RoomRules>()
  readonly #private = new Map<string, boolean>()

  constructor(store: MessageStore) {
    this.#store = store
  }

  /** The rules as this instance keeps them, when it has members in the room. */
  cached(room: string): RoomRules | undefined {
    return this.#rules.get(room)
  }

  /** The rules, from memory or storage; undefined when the room never existed. */
  async read(room: string): Promise<RoomRules | undefined> {
    const rules = this.#rules.get(room) ?? (await this.#store.roomRules(room))
    if (rules) this.#private.set(room, rules.private)
    return rules
  }

  /** Keeps a room's rules in memory: this instance has members there now, and hears its changes. */
  keep(room: string, rules: RoomRules): void {
    this.#rules.set(room, rules)
    this.#private.set(room, rules.private)
  }

  /**
   * Takes in at once what a change made on another instance says (its settings, a mute or
   * ban of a name), before the rules are read again for the rest (sessions, addresses).
   */
  heard(change: RoomChange): void {
    const rules = this.#rules.get(change.room)
    if (!rules) return
    const { settings, target } = change
    const next: RoomRules = { ...rules, topic: settings.topic, slowModeSeconds: settings.slowModeSeconds }
    if (target !== undefined) {
      const key = usernameKey(target)
      const sanction = { key, name: target, ...(change.until === undefined ? {} : { until: change.until }) }
      const without = (list: Sanction[]) => list.filter((held) => held.key !== key)
      if (change.change === 'muted') next.mutes = [...without(rules.mutes), sanction]
      if (change.change === 'unmuted') next.mutes = without(rules.mutes)
      if (change.change === 'banned') next.bans = [...without(rules.bans), sanction]
      if (change.change === 'unbanned') next.bans = without(rules.bans)
    }
    this.#rules.set(change.room, next)
  }

  /** Reads the rules again, if kept: another instance changed them. */
  async refresh(room: string): Promise<void> {
    if (!this.#rules.has(room)) return
    const rules = await this.#store.roomRules(room)
    if (rules && this.#rules.has(room)) this.keep(room, rules)
  }

  /** This instance's last member left the room: its changes are no longer heard here. */
  forget(room: string): void {
    this.#rules.delete(room)
  }

  /** How logs name a room: a private room's name is nobody else's business. */
  logName(room: string): string {
    return this.#private.get(room) ? '(private)' : room
  }

  /** Whether a room is private (one that does not exist is not). */
  async isPrivate(room: string): Promise<boolean> {
    const known = this.#private.get(room)
    if (known !== undefined) return known
    return (await this.read(room))?.private ?? false
  }
}
