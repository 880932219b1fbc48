import type { MessageStore, RoomRules } from '../storage/message-store.ts'

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

  /** Whether a room is private (one that does not exist is not). */
  async isPrivate(room: string): Promise<boolean> {
    const known = this.#private.get(room)
    if (known !== undefined) return known
    return (await this.read(room))?.private ?? false
  }
}
