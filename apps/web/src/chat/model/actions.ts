import type {
  ChangeAnswer,
  ChatMessage,
  JoinResponse,
  MessageChange,
  RoomChange,
  RoomSettings,
  RoomSummary,
  SendMessageResponse,
} from '@parley/events'
import type { NotifyLevel } from '@parley/events/rules'
import type { PendingChange } from './pending-changes.ts'
import type { OutgoingMessage } from './timeline.ts'

/** What the reducer needs of a join answer. */
type JoinAnswer = Pick<JoinResponse, 'room' | 'users' | 'lastSeq' | 'messages'> &
  Partial<Pick<JoinResponse, 'editWindowSeconds' | 'uploadLimits' | 'settings' | 'readSeq' | 'unread' | 'notify'>>

/** Everything that changes the chat's state (see `chatReducer`). */
export type ChatAction =
  | { type: 'joined'; username: string; answer: JoinAnswer; select: boolean }
  | { type: 'left'; room: string }
  | { type: 'select'; room: string }
  /** Whether the room on screen is being read; when it starts to be, it counts as read. */
  | { type: 'reading'; reading: boolean }
  /** Everything in the room is read, and its "New messages" line goes. */
  | { type: 'markRead'; room: string }
  /** The server holds the room as read through `seq` for this session (our mark's answer, or another tab's or device's). */
  | { type: 'readSaved'; room: string; seq: number; notify?: NotifyLevel }
  /** How much the room calls for our attention. */
  | { type: 'notifyLevel'; room: string; level: NotifyLevel }
  | { type: 'typing'; room: string; username: string; at: number }
  | { type: 'typingExpired'; now: number }
  | { type: 'message'; message: ChatMessage }
  /** A message was edited, deleted or reacted to (pushed live). */
  | { type: 'changed'; change: MessageChange }
  /**
   * A page of `history`: newer ones catch up (messages, and the changes between them; new
   * messages count as unread), older ones scroll back, `around` ones reach back to a message
   * to jump to (the pages down to the oldest held, so the timeline stays unbroken).
   */
  | {
      type: 'history'
      room: string
      messages: ChatMessage[]
      changes?: MessageChange[]
      /** The changes to the room itself in a `newer` page (topic, rules, moderation). */
      roomChanges?: RoomChange[]
      direction: 'newer' | 'older' | 'around'
    }
  /** The page `around` a message far back: held as a window apart from the newer messages, with a gap between. */
  | { type: 'window'; room: string; messages: ChatMessage[] }
  /** A page of `history {after}` asked for to fill the gap after `after`. */
  | {
      type: 'gapPage'
      room: string
      after: number
      messages: ChatMessage[]
      changes: MessageChange[]
      roomChanges?: RoomChange[]
      hasMore: boolean
    }
  /**
   * A change to a room (topic, rules, a moderation action): a line in its conversation and
   * its settings as they now stand. `live` (pushed, not from a catch-up): if it takes us out
   * of the room, the room closes with a notice saying who did it.
   */
  | { type: 'roomChanged'; change: RoomChange; live: boolean }
  /** A room's settings as an answer gave them, as of `seq` of its log. */
  | { type: 'settings'; room: string; settings: RoomSettings; seq: number }
  /** Whether this connection acts as the server's operator. */
  | { type: 'operator'; operator: boolean }
  /** The server no longer has what we held: take its join answer as the truth. */
  | { type: 'reset'; room: string; lastSeq: number; messages: ChatMessage[] }
  | { type: 'loadingOlder'; room: string }
  | { type: 'olderFailed'; room: string; error: string }
  | { type: 'outgoing'; message: OutgoingMessage }
  | { type: 'sent'; room: string; clientId: string; answer: SendMessageResponse }
  | { type: 'sendFailed'; room: string; clientId: string; error: string }
  | { type: 'resending'; room: string; clientId: string }
  /** One of our changes to a message: shown at once, pending. */
  | { type: 'changeStarted'; change: PendingChange }
  | { type: 'changeSettled'; room: string; clientId: string; answer: Pick<ChangeAnswer, 'seq' | 'message'> }
  | { type: 'changeFailed'; room: string; clientId: string; error: string }
  | { type: 'changeRetrying'; room: string; clientId: string }
  /** A failed change given up on. */
  | { type: 'changeDropped'; room: string; clientId: string }
  /** The message the next one answers (`null`: not a reply). */
  | { type: 'replyTo'; room: string; seq: number | null }
  /** Our message being edited in the composer (`null`: none). */
  | { type: 'editing'; room: string; seq: number | null }
  | { type: 'userJoined'; room: string; username: string }
  | { type: 'userLeft'; room: string; username: string }
  | { type: 'presence'; room: string; users: string[] }
  | { type: 'directory'; rooms: RoomSummary[] }
  | { type: 'notice'; notice: string | null }
  | { type: 'signedOut' }
