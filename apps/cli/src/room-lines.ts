import type { RoomChange, RoomSettings } from '@parley/events'
import { sameName } from '@parley/events/rules'
import { localTime, type TimeFormat } from './lines.ts'
import { printable } from './terminal-text.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** `n` of a unit, singular or plural: `1 minute`, `10 minutes`. */
const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** A length of time in minutes, as people say it: `10 minutes`, `2 hours`, `3 days`. */
export function minutesText(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return count(minutes / 1440, 'day')
  if (minutes >= 60 && minutes % 60 === 0) return count(minutes / 60, 'hour')
  return count(minutes, 'minute')
}

/** Slow mode's length in words: `30 seconds`, `2 minutes`. */
function secondsText(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? minutesText(seconds / 60) : count(seconds, 'second')
}

/** A topic on one line, without characters a terminal would act on. */
export function topicText(topic: string): string {
  return printable(topic.replace(/\s+/g, ' ').trim())
}

/** How long a mute or ban lasts, from when it was made to `until` (absent: for good). */
function lasting(change: RoomChange): string {
  if (change.until === undefined) return 'for good'
  return `for ${minutesText(Math.max(1, Math.round((change.until - change.timestamp) / 60_000)))}`
}

/** When a mute or ban ends: the time of day, with the date when that is more than a day off. */
function endTime(until: number, now: number, time: TimeFormat): string {
  return until - now > DAY_MS ? `${new Date(until).toLocaleDateString()} ${time(until)}` : time(until)
}

/**
 * A change to the room as a line of the conversation (`[time] * alice muted bob for 10 minutes`),
 * told to `me` in words when it acts on them (`* you were removed from #lobby by alice`).
 */
export function roomChangeLine(change: RoomChange, me: string, time: TimeFormat = localTime): string {
  const stamp = `[${time(change.timestamp)}] *`
  const by = printable(change.username)
  const toMe = change.target !== undefined && sameName(change.target, me)
  const target = change.target === undefined ? 'someone' : toMe ? 'you' : printable(change.target)
  const room = `#${change.room}`
  const until = change.until === undefined ? '' : ` until ${endTime(change.until, change.timestamp, time)}`
  // What the change set; the settings are the room's as they stand now.
  const topic = change.topic ?? change.settings.topic
  const seconds = change.slowModeSeconds ?? change.settings.slowModeSeconds
  switch (change.change) {
    case 'topic':
      if (!topic) return `${stamp} ${by} cleared the topic`
      return `${stamp} ${by} set the topic: ${topicText(topic)}`
    case 'slowMode':
      if (seconds === 0) return `${stamp} ${by} turned slow mode off`
      return `${stamp} ${by} turned slow mode on: one message per ${secondsText(seconds)} each`
    case 'owner':
      return `${stamp} ${by} made ${target} the owner of ${room}`
    case 'moderatorAdded':
      return `${stamp} ${by} made ${target} a moderator`
    case 'moderatorRemoved':
      return `${stamp} ${by} made ${target} no longer a moderator`
    case 'muted':
      if (toMe) return `${stamp} ${by} muted you ${lasting(change)}: you can read but not send or react${until}`
      return `${stamp} ${by} muted ${target} ${lasting(change)}`
    case 'unmuted':
      return toMe ? `${stamp} ${by} unmuted you: you can send again` : `${stamp} ${by} unmuted ${target}`
    case 'removed': {
      if (!toMe) return `${stamp} ${by} removed ${target} from ${room}`
      const back = change.settings.private
        ? 'ask for a new invite link to come back'
        : `/join ${change.room} to come back`
      return `${stamp} you were removed from ${room} by ${by}: ${back}`
    }
    case 'banned': {
      const addresses = change.address ? ', and the addresses they connect from' : ''
      if (toMe) return `${stamp} you were banned from ${room} by ${by} ${lasting(change)}${until}`
      return `${stamp} ${by} banned ${target} ${lasting(change)}${addresses}`
    }
    case 'unbanned':
      return `${stamp} ${by} unbanned ${target}`
    case 'inviteRotated':
      return `${stamp} ${by} made a new invite link: the old one lets no one new in`
  }
}

/**
 * What a terminal says about a room it has just joined, after who is in it: its topic, slow
 * mode, whether it is private, and `me`'s part in running it. Nothing for a plain open room.
 */
export function settingsLines(settings: RoomSettings, me: string): string[] {
  const lines: string[] = []
  if (settings.topic) lines.push(`Topic: ${topicText(settings.topic)}`)
  if (settings.slowModeSeconds > 0) {
    lines.push(`Slow mode: one message per ${secondsText(settings.slowModeSeconds)} each`)
  }
  const other = settings.direct?.find((name) => !sameName(name, me))
  if (other !== undefined) lines.push(`A direct conversation with ${printable(other)}: only the two of you can read it`)
  else if (settings.private) lines.push('This room is private: only its invite link lets people in')
  if (settings.owner !== undefined && sameName(settings.owner, me)) {
    lines.push('You own this room: /help lists what you can do')
  } else if (settings.moderators.some((name) => sameName(name, me))) {
    lines.push('You moderate this room: /help lists what you can do')
  }
  return lines
}
