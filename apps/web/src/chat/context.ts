import type { ConnectionStatus } from '@parley/wsx/client'
import { createContext, useContext } from 'react'
import type { ChatState } from './model/state.ts'

/** Everything the screens read and do; provided once by `ChatProvider`. */
export interface ChatContextValue {
  state: ChatState
  status: ConnectionStatus
  /** Joins a room as `username` (first join); rejects with a readable message. */
  join(username: string, room: string): Promise<void>
  /** Joins one more room under the current username, and shows it. */
  joinRoom(room: string): Promise<void>
  leave(room: string): Promise<void>
  select(room: string): void
  /** Sends to the room on screen: the message shows at once as pending, then sent or failed (with Retry). */
  send(text: string): void
  /** Sends a failed message again, under the same client id so it is stored once. */
  retry(room: string, clientId: string): void
  /** Loads the page of messages before the oldest one held, if there is one and none is loading. */
  loadOlder(room: string): void
  signOut(): Promise<void>
  dismissNotice(): void
  /** Everything in the room is read: its unread count and its "New messages" line go. */
  markRead(room: string): void
  /** The message pane says whether its newest message is in view (with the page visible, the room is being read). */
  setAtNewest(atNewest: boolean): void
  /** Tells the room's others we are typing; called on every keystroke, it sends at most one signal per 2 s. */
  typing(room: string): void
}

export const ChatContext = createContext<ChatContextValue | null>(null)

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext)
  if (!value) throw new Error('useChat must be used inside <ChatProvider>')
  return value
}
