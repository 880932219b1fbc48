import { z } from 'zod'
import { MESSAGE_MAX_LENGTH, ROOM_MAX_LENGTH, USERNAME_MAX_LENGTH } from './rules.ts'

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

/** A message's place in its room: 1, 2, 3… with no gaps, assigned by the server. */
export const seqSchema = z.number().int().min(1)

/** The sender's own id for a message, so a resend is stored and shown once. */
export const clientIdSchema = z
  .string()
  .min(8, 'A message id has 8 to 64 characters')
  .max(64, 'A message id has 8 to 64 characters')
  .regex(/^[\w-]+$/, 'A message id uses letters, digits, "-" and "_"')

/** A stored chat message, as pushed live and as replayed from history. */
export const chatMessageSchema = z.object({
  messageId: z.string(),
  username: z.string(),
  message: z.string(),
  timestamp: z.number(),
  room: z.string(),
  seq: seqSchema,
  clientId: z.string().optional(),
})

/** A room and how many people are in it. */
export const roomSummarySchema = z.object({
  name: z.string(),
  members: z.number().int().nonnegative(),
})
