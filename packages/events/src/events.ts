import { defineEvents } from '@parley/wsx/shared'
import { z } from 'zod'
import {
  captionSchema,
  changeAnswerSchema,
  changeIdSchema,
  chatMessageSchema,
  clientIdSchema,
  emojiSchema,
  fileIdSchema,
  handoffCodeSchema,
  messageChangeSchema,
  messageTextSchema,
  notifyLevelSchema,
  roomNameSchema,
  roomSummarySchema,
  searchQuerySchema,
  searchResultSchema,
  seqSchema,
  sessionTokenSchema,
  uploadLimitsSchema,
  usernameSchema,
} from './fields.ts'
import { roomEvents } from './room-events.ts'
import { inviteSchema, roomChangeSchema, roomSettingsSchema } from './room-fields.ts'
import {
  DEFAULT_ROOM,
  FILES_MAX_PER_MESSAGE,
  HISTORY_MAX_PAGE,
  HISTORY_PAGE_SIZE,
  SEARCH_MAX_PAGE,
  UNREAD_COUNT_LIMIT,
} from './rules.ts'

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
      /** The invite a private room's link carries; a session it admitted needs it no more. */
      invite: inviteSchema.optional(),
      /** Make the room private if this join creates it (a room that exists keeps what it is). */
      private: z.boolean().optional(),
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
      /** How long after sending a message its author may edit it, in seconds; 0: no limit. */
      editWindowSeconds: z.number().int().min(0),
      /** The largest file this server takes, in bytes, and the most files one message carries. */
      uploadLimits: uploadLimitsSchema,
      /** This session's read position in the room: messages after it are unread (0: none read). */
      readSeq: z.number().int().min(0),
      /**
       * How many messages after `readSeq` are unread: not deleted and not this session's own,
       * counted up to `UNREAD_COUNT_LIMIT` (a room with more says that many).
       */
      unread: z.number().int().min(0).max(UNREAD_COUNT_LIMIT),
      /** This session's notification level in the room. */
      notify: notifyLevelSchema,
      /** The room's topic, privacy, slow mode, owner and moderators. */
      settings: roomSettingsSchema,
    }),
  },

  /**
   * Send a message to a joined room; without `room`, to the room joined last. The
   * answer means the message is stored. The same `clientId` sent again is stored
   * and shown once, and answered with the first send's result. `replyTo` names an
   * earlier message of the room that this one answers. `files` names files this
   * session uploaded to the room (`POST /api/files`) and has not sent yet; with files,
   * the text (their caption) may be empty.
   */
  sendMessage: {
    request: z
      .object({
        message: captionSchema,
        room: roomNameSchema.optional(),
        clientId: clientIdSchema.optional(),
        replyTo: seqSchema.optional(),
        files: z.array(fileIdSchema).max(FILES_MAX_PER_MESSAGE).optional(),
      })
      .refine((send) => send.message.length > 0 || (send.files?.length ?? 0) > 0, {
        message: 'A message cannot be empty',
        path: ['message'],
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
   * A page of a joined room's log, oldest first, each message as it stands now: the
   * `limit` messages before `before` (scrolling back), the `limit` entries after `after`
   * (catching up: messages and `changes`, which together fill every seq of the page),
   * or the messages `around` one seq, which is in the middle (jumping to it).
   */
  history: {
    request: z
      .object({
        room: roomNameSchema,
        before: seqSchema.optional(),
        after: z.number().int().min(0).optional(),
        around: seqSchema.optional(),
        limit: z.number().int().min(1).max(HISTORY_MAX_PAGE).default(HISTORY_PAGE_SIZE),
      })
      .refine((page) => [page.before, page.after, page.around].filter((at) => at !== undefined).length <= 1, {
        message: 'Ask for messages before, after or around one seq, not several',
      }),
    response: z.object({
      room: z.string(),
      messages: z.array(chatMessageSchema),
      /** The changes in an `after` page, by seq; empty for the others. */
      changes: z.array(messageChangeSchema),
      /** The changes to the room itself in an `after` page (topic, rules, moderation), by seq; empty for the others. */
      roomChanges: z.array(roomChangeSchema),
      /** More lies beyond this page in the direction asked (for `around`: older messages). */
      hasMore: z.boolean(),
      /** For `around`: newer messages lie after this page. */
      hasNewer: z.boolean().optional(),
      lastSeq: z.number().int().min(0),
    }),
  },

  /**
   * Edit one of your own messages (the session that sent it), within the edit window.
   * Editing to the same text changes nothing. Members get `messageChanged`.
   */
  editMessage: {
    request: z.object({ room: roomNameSchema, seq: seqSchema, message: messageTextSchema, clientId: changeIdSchema }),
    response: changeAnswerSchema,
  },

  /**
   * Delete one of your own messages (a room's owner, moderators and the operator: any message): its text and files are
   * erased; a "deleted" marker keeps its place, and the change names who deleted it.
   */
  deleteMessage: {
    request: z.object({ room: roomNameSchema, seq: seqSchema, clientId: changeIdSchema }),
    response: changeAnswerSchema,
  },

  /** Add (`add: true`) or take back a reaction under your name; adding one you have changes nothing. */
  react: {
    request: z.object({
      room: roomNameSchema,
      seq: seqSchema,
      emoji: emojiSchema,
      add: z.boolean(),
      clientId: changeIdSchema,
    }),
    response: changeAnswerSchema,
  },

  /**
   * Search every room's stored messages (deleted ones are never found). Results come
   * newest first, or best match first; pass `nextCursor` back as `cursor` for the next page.
   */
  search: {
    request: z.object({
      query: searchQuerySchema,
      order: z.enum(['newest', 'relevance']).default('newest'),
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(SEARCH_MAX_PAGE).default(20),
    }),
    response: z.object({
      results: z.array(searchResultSchema),
      /** There are more results: ask again with this as `cursor`. */
      nextCursor: z.string().optional(),
    }),
  },

  /**
   * Act as the server's operator (its `ADMIN_TOKEN`): from then on this connection holds
   * every right in every room. A wrong token is refused in words.
   */
  operator: {
    request: z.object({ token: z.string().max(256) }),
    response: z.object({ operator: z.literal(true) }),
  },

  /**
   * Hand this connection's session to another device (client → server, after a join): a
   * one-time code that `POST /api/handoff` redeems, once, until `expiresAt` (ms since the
   * epoch), for this name, its session token and the rooms this connection is in.
   */
  handoff: {
    request: z.object({}),
    response: z.object({ code: handoffCodeSchema, expiresAt: z.number().int() }),
  },

  /**
   * Everything up to `seq` in a joined room is read, for this session (its token): the
   * position only moves forward, and it may not pass the room's last seq. The answer is the
   * position as it now stands; the session's other connections get `readState`.
   */
  markRead: {
    request: z.object({ room: roomNameSchema, seq: z.number().int().min(0) }),
    response: z.object({ room: z.string(), seq: z.number().int().min(0) }),
  },

  /**
   * How much a joined room calls for this session's attention: `all` messages, `mentions`
   * (the default) or `nothing`. The session's other connections get `readState`.
   */
  notifyLevel: {
    request: z.object({ room: roomNameSchema, level: notifyLevelSchema }),
    response: z.object({ room: z.string(), level: notifyLevelSchema }),
  },

  /**
   * This session's read position or notification level in a room changed on another of its
   * connections, here or on another device (server → client).
   */
  readState: {
    request: z.object({ room: z.string(), seq: z.number().int().min(0), notify: notifyLevelSchema }),
  },

  ...roomEvents,

  /** A message in a room you are in was edited, deleted or reacted to (server → client). */
  messageChanged: {
    request: messageChangeSchema,
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
