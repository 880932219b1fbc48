import { z } from 'zod'
import {
  isSingleEmoji,
  MESSAGE_MAX_LENGTH,
  NOTIFY_LEVELS,
  ROOM_MAX_LENGTH,
  SEARCH_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
} from './rules.ts'

/** Control, format (zero-width and direction marks), private-use, unassigned and line-separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u

/**
 * A display name: NFKC-normalised, trimmed, 1 to 50 characters, none of them
 * control or invisible. Two names that differ only in case are the same name.
 */
export const usernameSchema = z
  .string()
  .normalize('NFKC')
  .trim()
  .min(1, 'Pick a username')
  .max(USERNAME_MAX_LENGTH, `A username has at most ${USERNAME_MAX_LENGTH} characters`)
  .refine((name) => !INVISIBLE.test(name), 'A username cannot contain control or invisible characters')

/** The secret that keeps a name yours while you are connected; the server issues it. */
export const sessionTokenSchema = z
  .string()
  .min(16, 'A session token has 16 to 128 characters')
  .max(128, 'A session token has 16 to 128 characters')
  .regex(/^[\w-]+$/, 'A session token uses letters, digits, "-" and "_"')

/** How much a room calls for attention (see NOTIFY_LEVELS). */
export const notifyLevelSchema = z.enum(NOTIFY_LEVELS, "A notification level is 'all', 'mentions' or 'nothing'")

/** A room name: 1 to 50 characters once surrounding space is trimmed, folded to lower case. */
export const roomNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Name a room')
  .max(ROOM_MAX_LENGTH, `A room name has at most ${ROOM_MAX_LENGTH} characters`)

/** The text of a chat message: 1 to 500 characters. */
export const messageTextSchema = z
  .string()
  .min(1, 'A message cannot be empty')
  .max(MESSAGE_MAX_LENGTH, `A message has at most ${MESSAGE_MAX_LENGTH} characters`)

/** The text of a message that carries files: like a message's, but it may be empty. */
export const captionSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `A message has at most ${MESSAGE_MAX_LENGTH} characters`)

/**
 * A place in a room's log, 1, 2, 3… with no gaps, assigned by the server. Each new
 * message takes one, and so does each change to a message (edit, deletion, reaction).
 */
export const seqSchema = z.number().int().min(1)

const idOf = (what: string) =>
  z
    .string()
    .min(8, `A ${what} id has 8 to 64 characters`)
    .max(64, `A ${what} id has 8 to 64 characters`)
    .regex(/^[\w-]+$/, `A ${what} id uses letters, digits, "-" and "_"`)

/** The sender's own id for a message, so a resend is stored and shown once. */
export const clientIdSchema = idOf('message')

/** The sender's own id for a change to a message, so a resend changes it once. */
export const changeIdSchema = idOf('change')

/** A stored file's id: 22 unguessable characters (128 random bits); knowing it is what lets one download it. */
export const fileIdSchema = z.string().regex(/^[\w-]{22}$/, 'A file id is 22 letters, digits, "-" and "_"')

/** What an image attachment shows inline: its size, and its thumbnail's (so the page keeps its place while loading). */
export const imageSizeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  thumbWidth: z.number().int().positive(),
  thumbHeight: z.number().int().positive(),
})

/**
 * A file attached to a message. `type` is what the server read from its bytes (never the
 * name or the uploader's word); `image` is there for PNG, JPEG, GIF and WebP, shown inline.
 * It downloads from `fileUrl(id, name)`; an image's thumbnail from `thumbnailUrl(id)`.
 */
export const attachmentSchema = z.object({
  id: fileIdSchema,
  /** The name as uploaded, made safe to show: no control or direction characters, no folders. */
  name: z.string(),
  type: z.string(),
  size: z.number().int().min(1),
  image: imageSizeSchema.optional(),
})

/** What uploads may be on this server: the largest file, in bytes, and the most files a message carries. */
export const uploadLimitsSchema = z.object({
  maxBytes: z.number().int().positive(),
  maxFiles: z.number().int().positive(),
})

/** What `POST /api/files` answers: the stored file, to name in `sendMessage`'s `files`. */
export const uploadAnswerSchema = z.object({ file: attachmentSchema })

/** A one-time code that hands a session to another device: 256 random bits, base64url. */
const HANDOFF_CODE_RULE = 'A handoff code is 43 letters, digits, "-" and "_"'
export const handoffCodeSchema = z.string({ error: HANDOFF_CODE_RULE }).regex(/^[\w-]{43}$/, HANDOFF_CODE_RULE)

/** What `POST /api/handoff` takes: the code from the link. */
export const handoffRedeemSchema = z.object({ code: handoffCodeSchema })

/** What `POST /api/handoff` answers, once per code: the session to continue, and the rooms to open. */
export const handoffAnswerSchema = z.object({
  username: z.string(),
  token: sessionTokenSchema,
  rooms: z.array(z.string()),
})

/** What every `/api` refusal answers, in words. */
export const httpErrorSchema = z.object({ error: z.string() })

/** A reaction: exactly one emoji (one grapheme), never other text. */
export const emojiSchema = z.string().refine(isSingleEmoji, 'A reaction is a single emoji')

/** One emoji on a message and the names who reacted with it, earliest first. */
export const reactionSchema = z.object({ emoji: z.string(), users: z.array(z.string()) })

/** The message a reply answers, as it stands: its start, or only that it was deleted. */
export const replyQuoteSchema = z.object({
  seq: seqSchema,
  username: z.string(),
  /** The first line of its text, shortened; empty once it is deleted. */
  excerpt: z.string(),
  deleted: z.boolean().optional(),
})

/**
 * A stored chat message, as pushed live and as replayed from history. The fields after
 * `clientId` appear only when they apply; `rev` is the place in the log of the latest
 * change this copy shows: of two copies, the one with the higher `rev` is newer.
 */
export const chatMessageSchema = z.object({
  messageId: z.string(),
  username: z.string(),
  /** Empty once deleted. */
  message: z.string(),
  timestamp: z.number(),
  room: z.string(),
  seq: seqSchema,
  clientId: z.string().optional(),
  replyTo: replyQuoteSchema.optional(),
  /** When the text was last edited (server clock, ms). */
  editedAt: z.number().optional(),
  deleted: z.boolean().optional(),
  reactions: z.array(reactionSchema).optional(),
  rev: seqSchema.optional(),
  /** The files it carries, in the order sent; gone once deleted. */
  files: z.array(attachmentSchema).optional(),
})

/** What a change did. */
export const changeKindSchema = z.enum(['edited', 'deleted', 'reacted', 'unreacted'])

/** A change to a message, at its own place in the room's log, with the message as it now stands. */
export const messageChangeSchema = z.object({
  room: z.string(),
  /** The change's own place in the log (the message's is `message.seq`). */
  seq: seqSchema,
  change: changeKindSchema,
  /** Who made the change. */
  username: z.string(),
  timestamp: z.number(),
  /** The emoji added or taken back, for reactions. */
  emoji: z.string().optional(),
  clientId: z.string().optional(),
  /** The message with every change up to `message.rev`, which is this one's seq or later. */
  message: chatMessageSchema,
})

/** The answer to a change: whether it changed anything, and the message as it now stands. */
export const changeAnswerSchema = z.object({
  room: z.string(),
  changed: z.boolean(),
  /** The change's place in the log when it changed something. */
  seq: seqSchema.optional(),
  message: chatMessageSchema,
})

/**
 * What to search for: words (the last one also as a prefix), "exact phrases",
 * `from:name`, `in:room`, `before:YYYY-MM-DD` and `after:YYYY-MM-DD`.
 */
export const searchQuerySchema = z
  .string()
  .max(SEARCH_MAX_LENGTH, `A search has at most ${SEARCH_MAX_LENGTH} characters`)
  // Not trimmed: a space after the last word says it is whole, not the start of a longer one.
  .refine((query) => query.trim().length > 0, 'Type something to search for')

/** A stretch of a found message's text, and whether it is one of the words searched for. */
export const snippetPartSchema = z.object({ text: z.string(), hit: z.boolean().optional() })

/** A message that matches a search: where it is, who wrote it when, and the words around the match. */
export const searchResultSchema = z.object({
  room: z.string(),
  seq: seqSchema,
  username: z.string(),
  timestamp: z.number(),
  /** The text around the first match, in parts; the matching words have `hit`. */
  snippet: z.array(snippetPartSchema),
})

/** A room and how many people are in it. */
export const roomSummarySchema = z.object({
  name: z.string(),
  members: z.number().int().nonnegative(),
})
