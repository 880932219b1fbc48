import type { EventDefinitions } from '@parley/wsx/shared'
import { z } from 'zod'
import { changeIdSchema, roomNameSchema, seqSchema, usernameSchema } from './fields.ts'
import {
  inviteSchema,
  moderateRequestSchema,
  roomChangeAnswerSchema,
  roomChangeSchema,
  slowModeSchema,
  topicSchema,
} from './room-fields.ts'
import { HISTORY_MAX_PAGE, HISTORY_PAGE_SIZE } from './rules.ts'

/**
 * The events of rooms with owners: topics, slow mode, owners and moderators, moderation,
 * server bans, invites, direct conversations, the moderation record, and `roomChanged`.
 * Part of Parley's `events`.
 */
export const roomEvents = {
  /** Set a room's topic (its owner, moderators and the operator). Members get `roomChanged`. */
  setTopic: {
    request: z.object({ room: roomNameSchema, topic: topicSchema, clientId: changeIdSchema }),
    response: roomChangeAnswerSchema,
  },

  /** Let each person send one message per `seconds` in a room; 0 turns it off (owner, moderators, operator). */
  setSlowMode: {
    request: z.object({ room: roomNameSchema, seconds: slowModeSchema, clientId: changeIdSchema }),
    response: roomChangeAnswerSchema,
  },

  /**
   * Hand a room to a name in it (the operator, or its owner): that name's session owns it.
   * Rooms made before owners existed have none until the operator names one.
   */
  setOwner: {
    request: z.object({ room: roomNameSchema, username: usernameSchema, clientId: changeIdSchema }),
    response: roomChangeAnswerSchema,
  },

  /** Make a name in the room a moderator, or no longer one (the owner and the operator). */
  setModerator: {
    request: z.object({ room: roomNameSchema, username: usernameSchema, add: z.boolean(), clientId: changeIdSchema }),
    response: roomChangeAnswerSchema,
  },

  /**
   * Mute a name in a room (it can read, not send or react), remove it (it leaves, and a
   * private room's invite no longer admits it), or ban it (removed, and refused until the
   * ban ends; with `address`, so are the addresses it connected from); and undo those.
   * Owners, moderators and the operator; the person is told by the `roomChanged` it gets.
   */
  moderate: {
    request: moderateRequestSchema,
    response: roomChangeAnswerSchema,
  },

  /**
   * Ban a name from the whole server, or lift that ban (the operator only): its connections
   * close, and every join is refused until the ban ends (`minutes`; absent: for good). With
   * `address`, the addresses it is connected from are refused too.
   */
  serverBan: {
    request: z.object({
      username: usernameSchema,
      action: z.enum(['ban', 'unban']),
      minutes: moderateRequestSchema.shape.minutes,
      address: z.boolean().optional(),
      clientId: changeIdSchema,
    }),
    response: z.object({ changed: z.boolean() }),
  },

  /** A private room's invite (owners, moderators, the operator); `rotate` makes a new one, and the old one stops working. */
  roomInvite: {
    request: z.object({
      room: roomNameSchema,
      rotate: z.boolean().default(false),
      clientId: changeIdSchema.optional(),
    }),
    response: z.object({ room: z.string(), invite: inviteSchema }),
  },

  /**
   * A direct conversation with `username`, who must be connected now (on any instance): a
   * private room for exactly the asker's session and theirs, the same room every time for
   * the same two names, made on first use. The answer names the room (join it next); the
   * other person's connections get `directRoomOpened`. Asked after joining some room.
   */
  directRoom: {
    request: z.object({ username: usernameSchema }),
    response: z.object({ room: z.string() }),
  },

  /** Someone opened a direct conversation with you: join `room` to see it (server → client). */
  directRoomOpened: {
    request: z.object({ room: z.string(), from: z.string() }),
  },

  /** The moderation record of a room, newest first (owners, moderators, the operator). */
  moderationLog: {
    request: z.object({
      room: roomNameSchema,
      before: seqSchema.optional(),
      limit: z.number().int().min(1).max(HISTORY_MAX_PAGE).default(HISTORY_PAGE_SIZE),
    }),
    response: z.object({ room: z.string(), entries: z.array(roomChangeSchema), hasMore: z.boolean() }),
  },

  /** A room you are in changed: its topic, its rules, or a moderation action (server → client). */
  roomChanged: {
    request: roomChangeSchema,
  },
} as const satisfies EventDefinitions
