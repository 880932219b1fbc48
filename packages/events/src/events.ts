import { defineEvents } from '@parley/wsx/shared'
import { z } from 'zod'
import {
  chatMessageSchema,
  clientIdSchema,
  messageTextSchema,
  roomNameSchema,
  roomSummarySchema,
  seqSchema,
  sessionTokenSchema,
  usernameSchema,
} from './fields.ts'
import { DEFAULT_ROOM, HISTORY_MAX_PAGE, HISTORY_PAGE_SIZE } from './rules.ts'

/**
 * Parley's events. The first five are the seed's, with its fields and limits; fields
 * are only ever added. Pushed events name the room they belong to.
 */
export const events = defineEvents({
  /**
   * Join a room (client → server). The others in the room get `userJoined`. The answer
   * brings the room's latest messages and its last `seq`: everything after that
   * arrives live, everything up to it is in `history`.
   */
  join: {
    request: z.object({
      username: usernameSchema,
      room: roomNameSchema.default(DEFAULT_ROOM),
      /** The token an earlier join answered with: it reclaims the name from a ghost of this session. */
      token: sessionTokenSchema.optional(),
    }),
    response: z.object({
      success: z.boolean(),
      message: z.string(),
      users: z.array(z.string()),
      room: z.string(),
      lastSeq: z.number().int().min(0),
      messages: z.array(chatMessageSchema),
      /** Keep it, and send it with every later join under this name. */
      token: z.string(),
    }),
  },

  /**
   * Send a message to a joined room; without `room`, to the room joined last. The
   * answer means the message is stored. The same `clientId` sent again is stored
   * and shown once, and answered with the first send's result.
   */
  sendMessage: {
    request: z.object({
      message: messageTextSchema,
      room: roomNameSchema.optional(),
      clientId: clientIdSchema.optional(),
    }),
    response: z.object({
      messageId: z.string(),
      timestamp: z.number(),
      room: z.string(),
      seq: seqSchema,
    }),
  },

  /** A chat message (server → client), the sender's own included. */
  message: {
    request: chatMessageSchema,
  },

  /**
   * A page of a joined room's stored messages, oldest first: the `limit` before
   * `before` (scrolling back), or the `limit` after `after` (catching up).
   */
  history: {
    request: z
      .object({
        room: roomNameSchema,
        before: seqSchema.optional(),
        after: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(HISTORY_MAX_PAGE).default(HISTORY_PAGE_SIZE),
      })
      .refine((page) => page.before === undefined || page.after === undefined, {
        message: 'Ask for messages before a seq or after one, not both',
      }),
    response: z.object({
      room: z.string(),
      messages: z.array(chatMessageSchema),
      /** More stored messages lie beyond this page in the direction asked. */
      hasMore: z.boolean(),
      lastSeq: z.number().int().min(0),
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

  /** I am typing in a joined room (client → server, one-way; send at most one per 2 s while typing). */
  typing: {
    request: z.object({ room: roomNameSchema }),
  },

  /** Someone in a room you are in is typing (server → client); forget it 5 s later, or at their message. */
  userTyping: {
    request: z.object({ username: z.string(), room: z.string() }),
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
