import { z } from 'zod'

/** The seed's limits, kept exactly. */
export const USERNAME_MAX_LENGTH = 50
export const MESSAGE_MAX_LENGTH = 500
export const ROOM_MAX_LENGTH = 50
export const DEFAULT_ROOM = 'general'

/** A display name: 1 to 50 characters once surrounding space is trimmed. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Pick a username')
  .max(USERNAME_MAX_LENGTH, `A username has at most ${USERNAME_MAX_LENGTH} characters`)

/** A room name: 1 to 50 characters once surrounding space is trimmed. */
export const roomNameSchema = z
  .string()
  .trim()
  .min(1, 'Name a room')
  .max(ROOM_MAX_LENGTH, `A room name has at most ${ROOM_MAX_LENGTH} characters`)

/** The text of a chat message: 1 to 500 characters. */
export const messageTextSchema = z
  .string()
  .min(1, 'A message cannot be empty')
  .max(MESSAGE_MAX_LENGTH, `A message has at most ${MESSAGE_MAX_LENGTH} characters`)

/** A room and how many people are in it. */
export const roomSummarySchema = z.object({
  name: z.string(),
  members: z.number().int().nonnegative(),
})
