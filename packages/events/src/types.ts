import type { z } from 'zod'
import type { ChatEvents } from './events.ts'
import type {
  attachmentSchema,
  chatMessageSchema,
  handoffAnswerSchema,
  messageChangeSchema,
  reactionSchema,
  replyQuoteSchema,
  roomSummarySchema,
  searchResultSchema,
  uploadLimitsSchema,
} from './fields.ts'
import type { roomChangeSchema, roomSettingsSchema } from './room-fields.ts'

type Out<K extends keyof ChatEvents, P extends 'request' | 'response'> =
  ChatEvents[K] extends Record<P, z.ZodType> ? z.output<ChatEvents[K][P]> : never

export type JoinRequest = z.input<ChatEvents['join']['request']>
export type JoinResponse = Out<'join', 'response'>
export type SendMessageRequest = z.input<ChatEvents['sendMessage']['request']>
export type SendMessageResponse = Out<'sendMessage', 'response'>
export type ChatMessage = z.output<typeof chatMessageSchema>
export type HistoryRequest = z.input<ChatEvents['history']['request']>
export type HistoryResponse = Out<'history', 'response'>
export type UserJoined = Out<'userJoined', 'request'>
export type UserLeft = Out<'userLeft', 'request'>
export type RoomSummary = z.output<typeof roomSummarySchema>
export type PresenceSnapshot = Out<'presence', 'response'>
export type UserTyping = Out<'userTyping', 'request'>
export type MessageChange = z.output<typeof messageChangeSchema>
export type SearchRequest = z.input<ChatEvents['search']['request']>
export type SearchResponse = Out<'search', 'response'>
export type SearchResult = z.output<typeof searchResultSchema>
export type Reaction = z.output<typeof reactionSchema>
export type ReplyQuote = z.output<typeof replyQuoteSchema>
export type ChangeAnswer = Out<'editMessage', 'response'>
export type EditMessageRequest = z.input<ChatEvents['editMessage']['request']>
export type DeleteMessageRequest = z.input<ChatEvents['deleteMessage']['request']>
export type ReactRequest = z.input<ChatEvents['react']['request']>
export type Attachment = z.output<typeof attachmentSchema>
export type UploadLimits = z.output<typeof uploadLimitsSchema>
export type HandoffResponse = Out<'handoff', 'response'>
export type HandoffAnswer = z.output<typeof handoffAnswerSchema>
export type MarkReadResponse = Out<'markRead', 'response'>
export type NotifyLevelResponse = Out<'notifyLevel', 'response'>
export type ReadStatePush = Out<'readState', 'request'>
export type RoomSettings = z.output<typeof roomSettingsSchema>
export type RoomChange = z.output<typeof roomChangeSchema>
export type RoomChangeAnswer = Out<'setTopic', 'response'>
export type ModerateRequest = z.input<ChatEvents['moderate']['request']>
export type ServerBanRequest = z.input<ChatEvents['serverBan']['request']>
