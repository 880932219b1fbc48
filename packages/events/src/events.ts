import { defineEvents } from '@parley/wsx/shared'
import { z } from 'zod'
import { DEFAULT_ROOM, messageTextSchema, roomNameSchema, roomSummarySchema, usernameSchema } from './fields.ts'

/**
 * Parley's events. The first five are the seed's, with its fields and limits; fields
 * are only ever added. Pushed events name the room they belong to.
 */
export const events = defineEvents({
  /** Join a room (client → server). The others in the room get `userJoined`. */
  join: {
    request: z.object({
      username: usernameSchema,
      room: roomNameSchema.default(DEFAULT_ROOM),
    }),
    response: z.object({
      success: z.boolean(),
      message: z.string(),
      users: z.array(z.string()),
      room: z.string(),
    }),
  },

  /** Send a message to a joined room; without `room`, to the room joined last. */
  sendMessage: {
    request: z.object({
      message: messageTextSchema,
      room: roomNameSchema.optional(),
    }),
    response: z.object({
      messageId: z.string(),
      timestamp: z.number(),
    }),
  },

  /** A chat message (server → client), the sender's own included. */
  message: {
    request: z.object({
      messageId: z.string(),
      username: z.string(),
      message: z.string(),
      timestamp: z.number(),
      room: z.string(),
    }),
  },

  /** Someone joined a room you are in (server → client). */
  userJoined: {
    request: z.object({
      username: z.string(),
      room: z.string(),
    }),
  },

  /** Someone left a room you are in (server → client). */
  userLeft: {
    request: z.object({
      username: z.string(),
      room: z.string(),
    }),
  },

  /** Leave a joined room (client → server). The others get `userLeft`. */
  leave: {
    request: z.object({ room: roomNameSchema }),
    response: z.object({ room: z.string() }),
  },

  /** Every room with people in it, and how many (client → server). */
  listRooms: {
    request: z.object({}),
    response: z.object({ rooms: z.array(roomSummarySchema) }),
  },

  /** The room list changed (server → client, to everyone connected). */
  rooms: {
    request: z.object({ rooms: z.array(roomSummarySchema) }),
  },

  /** Who is in a joined room right now (client → server). */
  presence: {
    request: z.object({ room: roomNameSchema }),
    response: z.object({ room: z.string(), users: z.array(z.string()) }),
  },
})

export type ChatEvents = typeof events
