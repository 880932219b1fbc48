/**
 * Parley's shared facts without dependencies: limits, how names compare, and the keys
 * under which each side stores things. Imported as `@parley/events/rules` by every
 * side, the web app's first chunk included (it must never pull in zod).
 */

/** The seed's limits, kept exactly. */
export const USERNAME_MAX_LENGTH = 50
export const MESSAGE_MAX_LENGTH = 500
export const ROOM_MAX_LENGTH = 50
export const DEFAULT_ROOM = 'general'

/** A room's topic, slow mode and the longest timed mute or ban. */
export const TOPIC_MAX_LENGTH = 200
export const SLOW_MODE_MAX_SECONDS = 3600
export const MODERATION_MAX_MINUTES = 525_600
/** How long a mute lasts when no length is given. */
export const MUTE_DEFAULT_MINUTES = 10

/** How many messages a join brings, and the default and largest history page. */
export const HISTORY_PAGE_SIZE = 50
export const HISTORY_MAX_PAGE = 200
/**
 * The most unread messages a join answer counts: a room with more says this many (clients
 * show "999+"), so the count stays one short read however much a room holds.
 */
export const UNREAD_COUNT_LIMIT = 1000

/** The key two names are compared by: the same for "Alice" and "alice". */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase()
}

/** Whether two display names are the same name (case and Unicode compatibility forms aside). */
export function sameName(a: string, b: string): boolean {
  return usernameKey(a) === usernameKey(b)
}

/** A room's name as the server keeps it: surrounding space trimmed, folded to lower case. */
export function foldRoomName(room: string): string {
  return room.trim().toLowerCase()
}

/** How a direct conversation's room name starts: no other room may be made with a name that does. */
export const DIRECT_ROOM_PREFIX = 'dm-'

/** Where the web app keeps things in the browser (localStorage unless said otherwise). */
export const browserStorageKeys = {
  /** The session token that holds this browser's name; shared by its tabs. */
  token: 'parley.token',
  /** The last username picked. */
  username: 'parley.username',
  /** The rooms this tab was in (sessionStorage: one per tab). */
  session: 'parley.session',
  /** Messages sent but not yet acknowledged (sessionStorage: one per tab). */
  outbox: 'parley.outbox',
  /** Each room's unsent composer text (sessionStorage: one per tab). */
  drafts: 'parley.drafts',
  /** When this tab last reloaded because part of the app failed to load (sessionStorage). */
  loadFailureReload: 'parley.loadFailureReload',
  /** 'light' or 'dark', when the person chose one. */
  theme: 'parley.theme',
  /** 'on' when mention notifications are wanted. */
  notifyMentions: 'parley.notifyMentions',
  /** The operator's token this tab presented (sessionStorage: presented again on every reconnection). */
  operator: 'parley.operator',
} as const

/** Parley's keys and channels in Redis, shared by every instance. */
export const redisKeys = {
  /** Hash of room name to member count, across instances. */
  rooms: 'parley:rooms',
  /** Who is in one room, instance by instance. */
  presence: (room: string) => `parley:presence:${room}`,
  /** Who holds a name: one key per name. */
  name: (username: string) => `parley:name:${usernameKey(username)}`,
  /** The address the session holding a name connected from (a moderator's ban by address reaches it on any instance). */
  nameAddress: (username: string) => `parley:name-address:${usernameKey(username)}`,
  /** The start of every room's pub/sub channel; the room's name follows it. */
  roomChannelPrefix: 'parley:room:',
  /** The one channel that carries pushes for a session's connections (read state, direct rooms) between instances. */
  sessionChannel: 'parley:sessions',
} as const

/** How much a room may call for your attention: every message, only mentions of you (the default), or nothing. */
export const NOTIFY_LEVELS = ['all', 'mentions', 'nothing'] as const
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number]
export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'mentions'

/** The longest search, in characters, and the most results one page of them brings. */
export const SEARCH_MAX_LENGTH = 500
export const SEARCH_MAX_PAGE = 50

/** The most distinct emoji one message can carry as reactions. */
export const REACTIONS_MAX_PER_MESSAGE = 20

/** How much of a message a reply quotes, in characters. */
export const QUOTE_MAX_LENGTH = 120

/** Code points an emoji is built from: pictographs, modifiers, joiners, variation selectors, keycaps and tags. */
const EMOJI_PART = /^(?:\p{Emoji}|\p{Emoji_Component}|\u200d|\ufe0f|\u20e3|[\u{e0020}-\u{e007f}])+$/u
/** What makes a grapheme an emoji and not a plain digit, `#` or `*` (which count as emoji parts). */
const EMOJI_CORE = /\p{Extended_Pictographic}|\u20e3|\p{Regional_Indicator}{2}/u

let graphemes: Intl.Segmenter | undefined

/** Whether `text` is exactly one emoji: one grapheme, built only of emoji code points. */
export function isSingleEmoji(text: string): boolean {
  if (text.length === 0 || text.length > 32 || !EMOJI_PART.test(text) || !EMOJI_CORE.test(text)) return false
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  let count = 0
  for (const _ of graphemes.segment(text)) if (++count > 1) return false
  return true
}

/** The most files one message can carry; the server's `UPLOAD_MAX_FILES` may allow fewer. */
export const FILES_MAX_PER_MESSAGE = 20

/** Where files are uploaded: `POST` with the bytes as the body (see docs/protocol.md). */
export const UPLOAD_PATH = '/api/files'

/** Where a stored file downloads from; the name is only for the browser's sake, the id finds it. */
export function fileUrl(id: string, name: string): string {
  return `/files/${id}/${encodeURIComponent(name)}`
}

/** Where an image's thumbnail is (WebP, within 480 × 360). */
export function thumbnailUrl(id: string): string {
  return `/files/thumbnails/${id}.webp`
}

/** How long a "continue on another device" code can be redeemed, in seconds, from when it was made. */
export const HANDOFF_TTL_SECONDS = 300

/** Where a handoff code is redeemed: `POST` with `{code}` (see docs/protocol.md). */
export const HANDOFF_PATH = '/api/handoff'

/** The address another device opens to continue a session: the code in the fragment, so no server log sees it. */
export function continueLink(origin: string, code: string): string {
  return `${origin}/#continue=${code}`
}

/** The code a `#continue=<code>` fragment carries, or `null` when the fragment holds none. */
export function continueCode(hash: string): string | null {
  const match = /^#?continue=([\w-]+)$/.exec(hash)
  return match?.[1] ?? null
}

export { formatFileSize } from './file-size.ts'
