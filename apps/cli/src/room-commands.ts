import { parseInviteLink } from './invite-link.ts'

/** A moderation action on one name, as `moderate` takes it. */
export type ModerationAction = 'mute' | 'unmute' | 'remove' | 'ban' | 'unban'

/** What a typed line asks of the room itself: its topic, rules, people, invite, or another room. */
export type RoomCommand =
  /** `topic` absent: show it; `''`: clear it. */
  | { kind: 'topic'; topic?: string }
  | { kind: 'slow'; seconds: number }
  | { kind: 'moderate'; action: ModerationAction; username: string; minutes?: number; address?: true }
  | { kind: 'serverBan'; action: 'ban' | 'unban'; username: string; minutes?: number; address?: true }
  | { kind: 'moderator'; username: string; add: boolean }
  | { kind: 'owner'; username: string }
  | { kind: 'invite'; rotate: boolean }
  | { kind: 'modlog' }
  | { kind: 'join'; room: string; invite?: string; private?: true }
  /** The direct conversation with a person connected now. */
  | { kind: 'dm'; username: string }

type Problem = { kind: 'unknown'; problem: string }

const usage = (line: string): Problem => ({ kind: 'unknown', problem: `Usage: ${line}` })

/** A whole number of minutes or seconds as typed: digits only. */
const WHOLE = /^\d+$/

/** Splits a trailing word off `text` when `matches` it: `bob 10` gives `bob` and `10`. */
function trailing(text: string, matches: (word: string) => boolean): { rest: string; word?: string } {
  const at = text.search(/\S+$/)
  const word = at < 0 ? '' : text.slice(at)
  if (at <= 0 || !matches(word)) return { rest: text }
  return { rest: text.slice(0, at).trim(), word }
}

/**
 * `<name> [minutes] [address]`: a name (it may hold spaces), then perhaps a number of
 * minutes and, where `allowAddress`, the word `address`.
 */
function nameAndTerms(
  rest: string,
  allowAddress: boolean,
): { username: string; minutes?: number; address?: true } | undefined {
  const addressWord = allowAddress ? trailing(rest, (word) => word.toLowerCase() === 'address') : { rest }
  const minutesWord = trailing(addressWord.rest, (word) => WHOLE.test(word))
  const username = minutesWord.rest
  if (!username) return undefined
  return {
    username,
    ...(minutesWord.word === undefined ? {} : { minutes: Number(minutesWord.word) }),
    ...(addressWord.word === undefined ? {} : { address: true as const }),
  }
}

/** `/join <room> [private]` or `/join <invite link>`. */
function parseJoin(rest: string): RoomCommand | Problem {
  const link = parseInviteLink(rest)
  if (link)
    return link.invite ? { kind: 'join', room: link.room, invite: link.invite } : { kind: 'join', room: link.room }
  const { rest: room, word } = trailing(rest, (last) => last.toLowerCase() === 'private')
  if (!room) return usage('/join <room> [private] or /join <invite link>')
  return word === undefined ? { kind: 'join', room } : { kind: 'join', room, private: true }
}

/** Reads the room commands (`name` is the command, lower case; `rest` what follows it, trimmed); `undefined` for any other. */
export function parseRoomCommand(name: string, rest: string): RoomCommand | Problem | undefined {
  switch (name) {
    case '/topic':
      if (!rest) return { kind: 'topic' }
      return { kind: 'topic', topic: rest === '-' ? '' : rest }
    case '/slow': {
      const seconds = rest.toLowerCase() === 'off' ? 0 : WHOLE.test(rest) ? Number(rest) : undefined
      return seconds === undefined ? usage('/slow <seconds> (0 or off: off)') : { kind: 'slow', seconds }
    }
    case '/mute':
    case '/ban': {
      const action = name === '/mute' ? 'mute' : 'ban'
      const terms = nameAndTerms(rest, action === 'ban')
      if (!terms) return usage(action === 'mute' ? '/mute <name> [minutes]' : '/ban <name> [minutes] [address]')
      if (terms.minutes === 0) return { kind: 'unknown', problem: 'At least 1 minute: leave it out for the default' }
      return { kind: 'moderate', action, ...terms }
    }
    case '/unmute':
    case '/kick':
    case '/unban': {
      const action = ({ '/unmute': 'unmute', '/kick': 'remove', '/unban': 'unban' } as const)[name]
      return rest ? { kind: 'moderate', action, username: rest } : usage(`${name} <name>`)
    }
    case '/serverban': {
      const terms = nameAndTerms(rest, true)
      if (!terms) return usage('/serverban <name> [minutes] [address]')
      if (terms.minutes === 0) return { kind: 'unknown', problem: 'At least 1 minute: leave it out to ban for good' }
      return { kind: 'serverBan', action: 'ban', ...terms }
    }
    case '/serverunban':
      return rest ? { kind: 'serverBan', action: 'unban', username: rest } : usage('/serverunban <name>')
    case '/mod':
    case '/unmod':
      return rest ? { kind: 'moderator', username: rest, add: name === '/mod' } : usage(`${name} <name>`)
    case '/owner':
      return rest ? { kind: 'owner', username: rest } : usage('/owner <name>')
    case '/invite':
      if (rest && rest.toLowerCase() !== 'new') return usage('/invite [new]')
      return { kind: 'invite', rotate: rest !== '' }
    case '/modlog':
      return rest ? usage('/modlog') : { kind: 'modlog' }
    case '/join':
      return parseJoin(rest)
    case '/dm':
      return rest ? { kind: 'dm', username: rest } : usage('/dm <name>')
    default:
      return undefined
  }
}
