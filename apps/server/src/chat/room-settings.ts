import type { RoomChange, RoomSettings } from '@parley/events'
import { usernameKey } from '@parley/events/rules'
import type { RoomChangeRecord, RoomRules, Sanction } from '../storage/message-store.ts'

/** What every member may know of a room's rules: never its invite, members, sanctions or addresses. */
export function publicSettings(rules: RoomRules): RoomSettings {
  const settings: RoomSettings = {
    topic: rules.topic,
    private: rules.private,
    slowModeSeconds: rules.slowModeSeconds,
    moderators: rules.moderators.map((person) => person.name),
  }
  if (rules.owner) settings.owner = rules.owner.name
  if (rules.direct) settings.direct = [...rules.direct]
  return settings
}

/** A change to a room as `roomChanged` and history pages carry it, with the settings as they stand. */
export function toRoomChange(change: RoomChangeRecord, rules: RoomRules): RoomChange {
  const pushed: RoomChange = {
    room: change.room,
    seq: change.seq,
    change: change.kind,
    username: change.username,
    timestamp: change.timestamp,
    clientId: change.clientId,
    settings: publicSettings(rules),
  }
  if (change.target !== undefined) pushed.target = change.target
  if (change.until !== undefined) pushed.until = change.until
  if (change.address) pushed.address = true
  if (change.topic !== undefined) pushed.topic = change.topic
  if (change.slowModeSeconds !== undefined) pushed.slowModeSeconds = change.slowModeSeconds
  return pushed
}

/** Who is asking: a name, the session that holds it, and where it connects from. */
export interface Asker {
  name: string
  author: string | undefined
  address?: string
}

/** The sanction in force on this person now, if any: by name, by session, or (bans) by address. */
export function sanctionOn(sanctions: readonly Sanction[], asker: Asker, now: number): Sanction | undefined {
  const key = usernameKey(asker.name)
  return sanctions.find(
    (sanction) =>
      (sanction.until === undefined || sanction.until > now) &&
      (sanction.key === key ||
        (asker.author !== undefined && sanction.author === asker.author) ||
        (asker.address !== undefined && (sanction.addresses?.includes(asker.address) ?? false))),
  )
}

/** "until 14:05 (UTC)", "for good": how long a sanction lasts, in words. */
export function lasting(sanction: Sanction, now: number): string {
  if (sanction.until === undefined) return 'for good'
  const minutes = Math.ceil((sanction.until - now) / 60_000)
  if (minutes <= 1) return 'for less than a minute more'
  if (minutes < 120) return `for ${minutes} more minutes`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `for about ${hours} more hours`
  return `for about ${Math.round(hours / 24)} more days`
}
