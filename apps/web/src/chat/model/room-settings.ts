import type { RoomChange, RoomSettings } from '@parley/events'
import { foldName } from './mentions.ts'

/** A room's settings as last heard, and the seq of the room's log they stand at (newer ones win). */
export interface HeldSettings {
  settings: RoomSettings
  seq: number
}

/** Whether we may send in a room, as the room's log told us: muted until a time (`null`: for good), or not muted. */
export interface Standing {
  /** The seq of the change that said so: an older change (from a catch-up) never overrides it. */
  seq: number
  mutedUntil: number | null | 'no'
}

/** What the person may do in a room; the server checks every one of them again. */
export interface RoomRights {
  owner: boolean
  moderator: boolean
  operator: boolean
  /** Mute, remove, ban, set the topic and slow mode, delete anyone's message, see the moderation record. */
  moderate: boolean
  /** Name moderators and hand the room over. */
  manage: boolean
}

const NO_RIGHTS: RoomRights = { owner: false, moderator: false, operator: false, moderate: false, manage: false }

/** The rights `username` has in a room with `settings` (the operator has them all). */
export function rightsOf(settings: RoomSettings | undefined, username: string | null, operator: boolean): RoomRights {
  if (operator) return { owner: false, moderator: false, operator: true, moderate: true, manage: true }
  if (!settings || username === null) return NO_RIGHTS
  const me = foldName(username)
  const owner = settings.owner !== undefined && foldName(settings.owner) === me
  const moderator = settings.moderators.some((name) => foldName(name) === me)
  return { owner, moderator, operator: false, moderate: owner || moderator, manage: owner }
}

/** `held` with `settings` at `seq`, unless it already stands at a later seq. */
export function newerSettings(held: HeldSettings | undefined, settings: RoomSettings, seq: number): HeldSettings {
  return held && held.seq > seq ? held : { settings, seq }
}

/** Our standing after `change`, if it is about us (muted or unmuted) and newer than what we hold. */
export function standingAfter(held: Standing | undefined, change: RoomChange, me: string | null): Standing | undefined {
  if (me === null || change.target === undefined || foldName(change.target) !== foldName(me)) return held
  if (held && held.seq >= change.seq) return held
  if (change.change === 'muted') return { seq: change.seq, mutedUntil: change.until ?? null }
  if (change.change === 'unmuted' || change.change === 'unbanned') return { seq: change.seq, mutedUntil: 'no' }
  return held
}

/** When our mute in a room ends (`null`: for good), or `undefined` when we are not muted at `now`. */
export function mutedUntil(standing: Standing | undefined, now: number): number | null | undefined {
  const until = standing?.mutedUntil
  if (until === undefined || until === 'no') return undefined
  return until === null || until > now ? until : undefined
}

/** A change that takes the person it names out of the room. */
export function removesTarget(change: RoomChange): boolean {
  return change.change === 'removed' || change.change === 'banned'
}
