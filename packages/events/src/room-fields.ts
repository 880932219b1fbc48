import { z } from 'zod'
import { changeIdSchema, roomNameSchema, seqSchema, usernameSchema } from './fields.ts'
import { MODERATION_MAX_MINUTES, SLOW_MODE_MAX_SECONDS, TOPIC_MAX_LENGTH } from './rules.ts'

/** A room's topic: at most 200 characters, Markdown-lite like a message; empty for none. */
export const topicSchema = z.string().trim().max(TOPIC_MAX_LENGTH, `A topic has at most ${TOPIC_MAX_LENGTH} characters`)

/** What everyone in a room may know of its rules: its topic, whether it is private, slow mode, who runs it. */
export const roomSettingsSchema = z.object({
  topic: z.string(),
  /** Joined only by invite link, and never listed. */
  private: z.boolean(),
  /** One message per this many seconds per person; 0: off. */
  slowModeSeconds: z.number().int().min(0),
  /** The owner's name when the room has one (rooms made before owners existed have none until the operator names one). */
  owner: z.string().optional(),
  moderators: z.array(z.string()),
  /**
   * A direct conversation: the two people's names, as they were when it was opened. Such a
   * room is private, has no owner, moderators or invite, and admits nobody else.
   */
  direct: z.array(z.string()).optional(),
})

/** What a change to a room did. */
export const roomChangeKindSchema = z.enum([
  'topic',
  'slowMode',
  'owner',
  'moderatorAdded',
  'moderatorRemoved',
  'muted',
  'unmuted',
  'removed',
  'banned',
  'unbanned',
  'inviteRotated',
])

/**
 * A change to a room (its topic, its rules, a moderation action), at its own place in the
 * room's log like a message, with the room's settings as they now stand. Never an address
 * or an invite token.
 */
export const roomChangeSchema = z.object({
  room: z.string(),
  seq: seqSchema,
  change: roomChangeKindSchema,
  /** Who made the change ("operator" for the server's operator without a name here). */
  username: z.string(),
  timestamp: z.number(),
  clientId: z.string().optional(),
  /** The name acted on: the muted, removed or banned person, the new owner or moderator. */
  target: z.string().optional(),
  /** When a mute or ban ends (server clock, ms); absent: for good. */
  until: z.number().optional(),
  /** A ban that also covers the addresses the person connected from. */
  address: z.boolean().optional(),
  /** The topic a `topic` change set (`settings` has the topic as it stands now, maybe set later). */
  topic: z.string().optional(),
  /** The seconds a `slowMode` change set. */
  slowModeSeconds: z.number().int().min(0).optional(),
  settings: roomSettingsSchema,
})

/** The answer to a change to a room: whether it changed anything, and the settings as they now stand. */
export const roomChangeAnswerSchema = z.object({
  room: z.string(),
  changed: z.boolean(),
  seq: seqSchema.optional(),
  settings: roomSettingsSchema,
})

/** A moderation action on one name in one room; `minutes` bounds a mute or ban (absent: a mute lasts 10 minutes, a ban for good). */
export const moderateRequestSchema = z.object({
  room: roomNameSchema,
  username: usernameSchema,
  action: z.enum(['mute', 'unmute', 'remove', 'ban', 'unban']),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(MODERATION_MAX_MINUTES, `At most ${MODERATION_MAX_MINUTES} minutes (a year): leave it out for good`)
    .optional(),
  /** For a ban: also refuse the addresses this name is connected from. */
  address: z.boolean().optional(),
  clientId: changeIdSchema,
})

/** Slow mode's length: 0 (off) to an hour. */
export const slowModeSchema = z
  .number()
  .int()
  .min(0)
  .max(SLOW_MODE_MAX_SECONDS, `Slow mode is at most ${SLOW_MODE_MAX_SECONDS} seconds`)

/** An invite token: what an invite link carries besides the room's name. */
export const inviteSchema = z
  .string()
  .min(16, 'That invite is not valid')
  .max(64, 'That invite is not valid')
  .regex(/^[\w-]+$/, 'That invite is not valid')
