import type { RoomChangeAnswer } from '@parley/events'
import { HISTORY_PAGE_SIZE } from '@parley/events/rules'
import { openDirect } from './direct-rooms.ts'
import { inviteLink } from './invite-link.ts'
import { reasonOf, type TimeFormat } from './lines.ts'
import type { RoomCommand } from './room-commands.ts'
import { minutesText, roomChangeLine, topicText } from './room-lines.ts'
import type { RoomSession } from './session.ts'

/** A fresh id for one change, so that sending it again counts once. */
const newClientId = () => `cli-${crypto.randomUUID()}`

/** The moderation record spans days: its lines show the date too. */
const dateTime: TimeFormat = (timestamp) => new Date(timestamp).toLocaleString()

/**
 * Runs one change to the room. Its `roomChanged` push prints the line everyone sees; this
 * says so when nothing changed, or prints the server's refusal.
 */
async function change(session: RoomSession, unchanged: string, call: () => Promise<RoomChangeAnswer>): Promise<void> {
  try {
    const answer = await session.whileJoined(call)
    if (!answer.changed) session.out.line(unchanged)
  } catch (error) {
    session.out.problem(`Not changed: ${reasonOf(error)}`)
  }
}

/** Shows the room's topic as last heard. */
function showTopic(session: RoomSession): void {
  const topic = session.settings?.topic
  session.out.line(topic ? `Topic: ${topicText(topic)}` : 'This room has no topic (/topic <text> sets one)')
}

/** Prints the private room's invite link, after making a new one if `rotate`. */
async function invite(session: RoomSession, rotate: boolean): Promise<void> {
  const { client, room } = session
  const clientId = rotate ? newClientId() : undefined
  try {
    const answer = await session.whileJoined(() =>
      client.request('roomInvite', { room, rotate, ...(clientId ? { clientId } : {}) }),
    )
    const link = inviteLink(session.origin, answer.room, answer.invite)
    session.out.line(`${rotate ? 'The new invite link' : 'Invite link'} for ${answer.room}: ${link}`)
  } catch (error) {
    session.out.problem(`No invite link: ${reasonOf(error)}`)
  }
}

/** Prints the latest page of the moderation record, oldest first so the newest is nearest the prompt. */
async function moderationLog(session: RoomSession): Promise<void> {
  const { client, room } = session
  try {
    const answer = await session.whileJoined(() => client.request('moderationLog', { room, limit: HISTORY_PAGE_SIZE }))
    if (answer.entries.length === 0) return session.out.line(`Nothing has been changed in ${answer.room} yet`)
    const more = answer.hasMore ? ` (the latest ${answer.entries.length})` : ''
    const lines = [...answer.entries].reverse().map((entry) => roomChangeLine(entry, session.username, dateTime))
    session.out.line([`Moderation record of ${answer.room}${more}:`, ...lines].join('\n'))
  } catch (error) {
    session.out.problem(`No moderation record: ${reasonOf(error)}`)
  }
}

/**
 * Bans a name from the whole server, or lifts that ban (the operator): its connections
 * close and every join is refused. Nothing is pushed to the room, so this says what was done.
 */
async function serverBan(session: RoomSession, command: Extract<RoomCommand, { kind: 'serverBan' }>): Promise<void> {
  const { action, username, minutes, address } = command
  const request = {
    username,
    action,
    clientId: newClientId(),
    ...(minutes === undefined ? {} : { minutes }),
    ...(address ? { address } : {}),
  }
  try {
    const { changed } = await session.whileJoined(() => session.client.request('serverBan', request))
    if (action === 'unban')
      return session.out.line(
        changed ? `${username} may come back to the server` : `${username} is not banned from the server`,
      )
    if (!changed) return session.out.line(`${username} is banned from the server already`)
    const span = minutes === undefined ? 'for good' : `for ${minutesText(minutes)}`
    session.out.line(`${username} is banned from the server ${span}${address ? ', with their addresses' : ''}`)
  } catch (error) {
    session.out.problem(`Not changed: ${reasonOf(error)}`)
  }
}

/** What a moderation action on `username` that changed nothing means. */
function alreadySo(action: string, username: string): string {
  switch (action) {
    case 'mute':
      return `${username} is muted already`
    case 'unmute':
      return `${username} is not muted`
    case 'remove':
      return `${username} is not in the room`
    case 'ban':
      return `${username} is banned already`
    default:
      return `${username} is not banned`
  }
}

/** Does what a room command asks, printing refusals in the server's words. */
export async function runRoomCommand(session: RoomSession, command: RoomCommand): Promise<void> {
  const { client } = session
  const room = session.room
  const clientId = newClientId()
  switch (command.kind) {
    case 'topic': {
      const { topic } = command
      if (topic === undefined) return showTopic(session)
      return change(session, 'The topic already says that', () => client.request('setTopic', { room, topic, clientId }))
    }
    case 'slow': {
      const { seconds } = command
      const unchanged = seconds === 0 ? 'Slow mode is off already' : `Slow mode is ${seconds} seconds already`
      return change(session, unchanged, () => client.request('setSlowMode', { room, seconds, clientId }))
    }
    case 'moderate': {
      const { action, username, minutes, address } = command
      const request = {
        room,
        username,
        action,
        clientId,
        ...(minutes === undefined ? {} : { minutes }),
        ...(address ? { address } : {}),
      }
      return change(session, alreadySo(action, username), () => client.request('moderate', request))
    }
    case 'serverBan':
      return serverBan(session, command)
    case 'moderator': {
      const { username, add } = command
      const unchanged = add ? `${username} is a moderator already` : `${username} is not a moderator`
      return change(session, unchanged, () => client.request('setModerator', { room, username, add, clientId }))
    }
    case 'owner': {
      const { username } = command
      return change(session, `${username} owns the room already`, () =>
        client.request('setOwner', { room, username, clientId }),
      )
    }
    case 'invite':
      return invite(session, command.rotate)
    case 'modlog':
      return moderationLog(session)
    case 'dm':
      return openDirect(session, command.username)
    case 'join':
      try {
        const entry = {
          ...(command.invite ? { invite: command.invite } : {}),
          ...(command.private ? { private: true as const } : {}),
        }
        return await session.moveTo(command.room, entry)
      } catch (error) {
        return session.out.problem(`Could not join: ${reasonOf(error)}`)
      }
  }
}
