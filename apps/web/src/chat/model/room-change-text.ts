import type { RoomChange } from '@parley/events'
import { formatFullDateTime, formatTime } from './format.ts'

/** "10 minutes", "1 hour", "1 day", "90 minutes": a span of whole minutes in the largest unit it fills exactly. */
export function describeMinutes(minutes: number): string {
  const units: Array<[number, string]> = [
    [7 * 24 * 60, 'week'],
    [24 * 60, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ]
  for (const [size, unit] of units) {
    if (minutes >= size && minutes % size === 0) {
      const count = minutes / size
      return `${count} ${unit}${count === 1 ? '' : 's'}`
    }
  }
  return `${minutes} minutes`
}

/** How long a mute or ban lasts, from its change's time to its end: " for 10 minutes", or " for good". */
function span(change: Pick<RoomChange, 'timestamp' | 'until'>): string {
  if (change.until === undefined) return ' for good'
  const minutes = Math.max(1, Math.round((change.until - change.timestamp) / 60_000))
  return ` for ${describeMinutes(minutes)}`
}

/** "30 s", "2 min", "1 h": slow mode's length in words. */
export function describeSeconds(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`
}

/**
 * A change to a room as a line in its conversation: "alice set the topic: …", "alice muted
 * bob for 10 minutes", "bob was removed by alice", "carol is now a moderator".
 */
export function describeRoomChange(change: RoomChange): string {
  const { username: by, target = 'someone' } = change
  switch (change.change) {
    case 'topic': {
      // What the change set; the settings are the room's as they stand now.
      const topic = change.topic ?? change.settings.topic
      return topic === '' ? `${by} cleared the topic` : `${by} set the topic: ${topic}`
    }
    case 'slowMode': {
      const seconds = change.slowModeSeconds ?? change.settings.slowModeSeconds
      return seconds === 0
        ? `${by} turned slow mode off`
        : `slow mode: one message per ${describeSeconds(seconds)} (set by ${by})`
    }
    case 'owner':
      return `${by} handed the room to ${target}`
    case 'moderatorAdded':
      return `${target} is now a moderator (named by ${by})`
    case 'moderatorRemoved':
      return `${target} is no longer a moderator (${by})`
    case 'muted':
      return `${by} muted ${target}${span(change)}`
    case 'unmuted':
      return `${by} unmuted ${target}`
    case 'removed':
      return `${target} was removed by ${by}`
    case 'banned':
      return `${target} was banned by ${by}${span(change)}${change.address ? ', with their address' : ''}`
    case 'unbanned':
      return `${by} lifted the ban on ${target}`
    case 'inviteRotated':
      return `${by} replaced the invite link`
  }
}

/** "14:05" for a time within a day of `now`, else the full date and time. */
export function describeUntil(until: number, now: number): string {
  return until - now < 24 * 60 * 60_000 ? formatTime(until) : formatFullDateTime(until)
}

/** What the person taken out of a room is told: "alice removed you from #games." */
export function describeRemoval(change: RoomChange, now: number = Date.now()): string {
  const { username: by, room } = change
  if (change.change !== 'banned') return `${by} removed you from #${room}.`
  const end = change.until === undefined ? 'for good' : `until ${describeUntil(change.until, now)}`
  return `${by} banned you from #${room} ${end}.`
}
