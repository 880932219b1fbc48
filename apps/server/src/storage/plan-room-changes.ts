import { usernameKey } from '@parley/events/rules'
import type { LogReads } from './log-reads.ts'
import type {
  NewRoomChange,
  RoomAction,
  RoomChangeKind,
  RoomChangeOutcome,
  RoomChangeRecord,
  RoomPerson,
  RoomRules,
  Sanction,
} from './message-store.ts'
import { defaultRules } from './room-rows.ts'

/** What a batch's changes to rooms write: their records in the log, and each changed room's rules. */
export interface RoomOps {
  roomChanges: RoomChangeRecord[]
  /** Each room's rules as the batch leaves them, once per room. */
  rules: { room: string; rules: RoomRules }[]
}

export const DIFFERENT_CHANGE = 'That change id was already used for a different change'
const NO_ROOM = 'That room does not exist'
const STAFF_ONLY = "Only the room's owner and moderators can do that"
/** Why nobody else may join a direct conversation. */
export const DIRECT_ONLY = 'That conversation is between two people: nobody else can join it'
const DIRECT_UNRUN = 'A direct conversation has no owner, moderators or invite'

type Rank = 'operator' | 'owner' | 'moderator' | 'nobody'
/** The actions that take a place in the log. */
type LoggedAction = Exclude<RoomAction, { kind: 'create' | 'admit' }>
/** What an action did: undefined when nothing changed. */
type Effect = Pick<RoomChangeRecord, 'kind' | 'target' | 'until' | 'address' | 'topic' | 'slowModeSeconds'> | undefined

const refused = (reason: string) => ({ kind: 'refused', reason }) as const
const sameName = (a: string, b: string) => usernameKey(a) === usernameKey(b)
const isPerson = (person: RoomPerson, other: { name: string; author?: string }) =>
  sameName(person.name, other.name) || (other.author !== undefined && person.author === other.author)

/** The kind of record an action makes. */
function recordKind(action: LoggedAction): RoomChangeKind {
  switch (action.kind) {
    case 'moderator':
      return action.add ? 'moderatorAdded' : 'moderatorRemoved'
    case 'mute':
      return 'muted'
    case 'unmute':
      return 'unmuted'
    case 'remove':
      return 'removed'
    case 'ban':
      return 'banned'
    case 'unban':
      return 'unbanned'
    case 'rotateInvite':
      return 'inviteRotated'
    default:
      return action.kind
  }
}

/** Whether an earlier change under the same clientId is this very change sent again. */
const sameChange = (earlier: RoomChangeRecord, change: NewRoomChange, action: LoggedAction) =>
  sameName(earlier.username, change.username) &&
  earlier.kind === recordKind(action) &&
  (earlier.target === undefined || ('target' in action && sameName(earlier.target, action.target.name))) &&
  (action.kind !== 'topic' || earlier.topic === undefined || earlier.topic === action.topic) &&
  (action.kind !== 'slowMode' || earlier.slowModeSeconds === undefined || earlier.slowModeSeconds === action.seconds)

/** Sanctions still in force at `now`. */
const inForce = (sanctions: readonly Sanction[], now: number) =>
  sanctions.filter((sanction) => sanction.until === undefined || sanction.until > now)

/**
 * A room's rules as the writes of a batch before each one left them, and the changes to
 * the room its writes' client ids name. Decides each change to the room: checks the
 * asker's rights against the rules as they stand, and notes what to write.
 */
export class RoomRulesState {
  readonly #room: string
  #rules: RoomRules | undefined
  #dirty = false
  readonly #changesByClientId = new Map<string, RoomChangeRecord>()

  private constructor(room: string, rules: RoomRules | undefined) {
    this.#room = room
    this.#rules = rules
  }

  /** Reads what the changes need: the rules when the room is changed, the room changes under the batch's change ids. */
  static async load(
    room: string,
    roomChanges: readonly NewRoomChange[],
    changeIds: readonly string[],
    reads: LogReads,
  ): Promise<RoomRulesState> {
    const [rules, known] = await Promise.all([
      roomChanges.length > 0 ? reads.roomRules(room) : undefined,
      changeIds.length > 0 ? reads.roomChangesByClientId(room, changeIds) : [],
    ])
    const state = new RoomRulesState(room, rules)
    for (const change of known) state.#changesByClientId.set(change.clientId, change)
    return state
  }

  /** Whether a change to this room already holds the client id. */
  hasChangeId(clientId: string): boolean {
    return this.#changesByClientId.has(clientId)
  }

  /** Decides `change` at `seq` (the next free one); `changeIdTaken` says a change to a message holds its id. */
  apply(change: NewRoomChange, seq: number, changeIdTaken: boolean, ops: RoomOps): RoomChangeOutcome {
    const { action } = change
    // A room with a log and no rules was made before owners existed.
    const rules = this.#rules ?? (seq > 1 ? defaultRules() : undefined)
    if (action.kind === 'create') return this.#create(change, action, rules)
    if (!rules) return refused(NO_ROOM)
    if (action.kind === 'admit') return this.#admit(change, action.invite, rules)
    const earlier = this.#changesByClientId.get(change.clientId)
    if (earlier) {
      return sameChange(earlier, change, action)
        ? { kind: 'duplicate', change: earlier, rules: this.#show(rules) }
        : refused(DIFFERENT_CHANGE)
    }
    if (changeIdTaken) return refused(DIFFERENT_CHANGE)
    const next: RoomRules = {
      ...rules,
      mutes: inForce(rules.mutes, change.timestamp),
      bans: inForce(rules.bans, change.timestamp),
    }
    const refusal = refusalOf(change, action, next, rank(change, rules))
    if (refusal) return refused(refusal)
    const effect = act(action, next)
    if (!effect) return { kind: 'unchanged', rules: this.#show(rules) }
    const record: RoomChangeRecord = {
      room: this.#room,
      seq,
      kind: effect.kind,
      username: change.username,
      clientId: change.clientId,
      timestamp: change.timestamp,
    }
    if (effect.target !== undefined) record.target = effect.target
    if (effect.until !== undefined) record.until = effect.until
    if (effect.address !== undefined) record.address = effect.address
    if (effect.topic !== undefined) record.topic = effect.topic
    if (effect.slowModeSeconds !== undefined) record.slowModeSeconds = effect.slowModeSeconds
    this.#write(next)
    ops.roomChanges.push(record)
    this.#changesByClientId.set(change.clientId, record)
    return { kind: 'changed', change: record, rules: this.#show(next) }
  }

  /** Notes the rules the batch leaves (once per room, after its last write). */
  finish(ops: RoomOps): void {
    if (this.#dirty && this.#rules) ops.rules.push({ room: this.#room, rules: this.#show(this.#rules) })
  }

  #create(change: NewRoomChange, action: Extract<RoomAction, { kind: 'create' }>, rules: RoomRules | undefined) {
    if (rules) return { kind: 'unchanged', rules: this.#show(rules) } as const
    if (action.direct) {
      const { names, members } = action.direct
      const made: RoomRules = { ...defaultRules(), private: true, members: [...members], direct: [...names] }
      this.#write(made)
      return { kind: 'done', rules: this.#show(made) } as const
    }
    const made: RoomRules = {
      ...defaultRules(),
      private: action.private,
      members: action.private && change.author !== undefined ? [change.author] : [],
    }
    if (change.author !== undefined) made.owner = { name: change.username, author: change.author }
    if (action.invite !== undefined) made.invite = action.invite
    this.#write(made)
    return { kind: 'done', rules: this.#show(made) } as const
  }

  #admit(change: NewRoomChange, invite: string, rules: RoomRules): RoomChangeOutcome {
    if (!rules.private) return { kind: 'unchanged', rules: this.#show(rules) }
    if (rules.direct && !(change.author !== undefined && rules.members.includes(change.author))) {
      return refused(DIRECT_ONLY)
    }
    if (invite !== rules.invite) {
      return refused("That invite link is not valid any more: ask the room's owner for a new one")
    }
    if (change.author === undefined || rules.members.includes(change.author)) {
      return { kind: 'unchanged', rules: this.#show(rules) }
    }
    const admitted = { ...rules, members: [...rules.members, change.author] }
    this.#write(admitted)
    return { kind: 'done', rules: this.#show(admitted) }
  }

  #write(rules: RoomRules): void {
    this.#rules = rules
    this.#dirty = true
  }

  /** A copy, so that later writes of the batch do not change what an answer holds. */
  #show(rules: RoomRules): RoomRules {
    return structuredClone(rules)
  }
}

/** The asker's standing in the room, from the rules as they stand. */
function rank(change: NewRoomChange, rules: RoomRules): Rank {
  if (change.operator) return 'operator'
  if (change.author === undefined) return 'nobody'
  if (rules.owner?.author === change.author) return 'owner'
  return rules.moderators.some((m) => m.author === change.author) ? 'moderator' : 'nobody'
}

/** Why the asker may not make this change, or undefined when they may. */
function refusalOf(change: NewRoomChange, action: LoggedAction, rules: RoomRules, rank: Rank): string | undefined {
  if (rules.direct && (action.kind === 'owner' || action.kind === 'moderator' || action.kind === 'rotateInvite')) {
    return DIRECT_UNRUN
  }
  if (action.kind === 'owner') {
    return rank === 'operator' || rank === 'owner'
      ? undefined
      : "Only the operator and the room's owner can hand it over"
  }
  if (action.kind === 'moderator') {
    if (rank !== 'operator' && rank !== 'owner') return "Only the room's owner can name moderators"
    if (action.add && rules.owner && isPerson(rules.owner, action.target)) return 'The owner already has every right'
    return undefined
  }
  if (rank === 'nobody') return STAFF_ONLY
  if (action.kind === 'rotateInvite' && !rules.private) return 'Only a private room has an invite'
  if (action.kind !== 'mute' && action.kind !== 'remove' && action.kind !== 'ban') return undefined
  if (sameName(action.target.name, change.username)) return 'You cannot do that to yourself'
  if (rank !== 'moderator') return undefined
  const staff = [...(rules.owner ? [rules.owner] : []), ...rules.moderators]
  if (staff.some((person) => isPerson(person, action.target))) {
    return 'Moderators cannot act on the owner or other moderators'
  }
  return undefined
}

/** Makes the action in `rules` (a copy the caller owns); what it did, or undefined when nothing changed. */
function act(action: LoggedAction, rules: RoomRules): Effect {
  const kind = recordKind(action)
  switch (action.kind) {
    case 'topic':
      if (rules.topic === action.topic) return undefined
      rules.topic = action.topic
      return { kind, topic: action.topic }
    case 'slowMode':
      if (rules.slowModeSeconds === action.seconds) return undefined
      rules.slowModeSeconds = action.seconds
      return { kind, slowModeSeconds: action.seconds }
    case 'owner':
      if (rules.owner?.author === action.target.author) return undefined
      rules.owner = { ...action.target }
      rules.moderators = rules.moderators.filter((m) => !isPerson(m, action.target))
      return { kind, target: action.target.name }
    case 'moderator': {
      const present = rules.moderators.some((m) => isPerson(m, action.target))
      if (present === action.add) return undefined
      rules.moderators = action.add
        ? [...rules.moderators, { ...action.target }]
        : rules.moderators.filter((m) => !isPerson(m, action.target))
      return { kind, target: action.target.name }
    }
    case 'mute':
    case 'ban': {
      const list = action.kind === 'mute' ? 'mutes' : 'bans'
      const sanction: Sanction = { key: usernameKey(action.target.name), name: action.target.name }
      if (action.target.author !== undefined) sanction.author = action.target.author
      if (action.until !== undefined) sanction.until = action.until
      const address = action.kind === 'ban' && action.addresses.length > 0
      if (action.kind === 'ban' && address) sanction.addresses = [...action.addresses]
      rules[list] = [...rules[list].filter((s) => s.key !== sanction.key), sanction]
      if (action.kind === 'ban') rules.members = rules.members.filter((m) => m !== action.target.author)
      const effect: Effect = { kind, target: action.target.name }
      if (action.until !== undefined) effect.until = action.until
      if (action.kind === 'ban') effect.address = address
      return effect
    }
    case 'unmute':
    case 'unban': {
      const list = action.kind === 'unmute' ? 'mutes' : 'bans'
      const key = usernameKey(action.target.name)
      if (!rules[list].some((s) => s.key === key)) return undefined
      rules[list] = rules[list].filter((s) => s.key !== key)
      return { kind, target: action.target.name }
    }
    case 'remove':
      rules.members = rules.members.filter((m) => m !== action.target.author)
      return { kind, target: action.target.name }
    case 'rotateInvite':
      rules.invite = action.invite
      return { kind }
  }
}
