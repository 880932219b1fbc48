import type { Attachment } from '@parley/events'
import type { NotifyLevel } from '@parley/events/rules'
import type { ConnectionStatus } from '@parley/wsx/client'
import { createContext, useContext } from 'react'
import { useConnectionStatus } from './hooks/useConnectionStatus.ts'
import { useStoreSelector } from './hooks/useStoreSelector.ts'
import type { ChatState } from './model/state.ts'
import type { ChatClient } from './net/client.ts'
import type { JoinOptions } from './net/joining.ts'
import type { ChatStore } from './store.ts'

/** What the screens do; every function keeps its identity for the provider's life. */
export interface ChatActions {
  /**
   * Joins a room as `username` (first join), with a private room's invite or as a new private
   * room (`options`); rejects with a readable message.
   */
  join(username: string, room: string, options?: JoinOptions): Promise<void>
  /** Joins one more room under the current username (`options` as for `join`), and shows it. */
  joinRoom(room: string, options?: JoinOptions): Promise<void>
  leave(room: string): Promise<void>
  select(room: string): void
  /**
   * Sends to the room on screen, with `files` (uploaded already; the text may then be empty):
   * the message shows at once as pending, then sent or failed (with Retry).
   */
  send(text: string, files?: Attachment[]): void
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
  /** Edits one of our messages: the new text shows at once, pending, then saved or failed (with Retry). */
  editMessage(room: string, seq: number, text: string): void
  /** Deletes one of our messages: it shows as deleted at once, then saved or failed (with Retry). */
  deleteMessage(room: string, seq: number): void
  /** Adds the emoji under our name, or takes it back if it is ours: counted at once, pending. */
  toggleReaction(room: string, seq: number, emoji: string): void
  /** Sends a failed change again, under the same client id so it applies once. */
  retryChange(room: string, clientId: string): void
  /** Gives up on a failed change: the message shows as the server has it. */
  dismissChange(room: string, clientId: string): void
  /** The message the next one answers (`null`: none). */
  setReplyTo(room: string, seq: number | null): void
  /** Our message being edited in the composer (`null`: none). */
  setEditing(room: string, seq: number | null): void
  /** Loads the message at `seq` if it is not held (with everything from it to what is, or as a window far back); rejects with the reason. */
  reach(room: string, seq: number): Promise<void>
  /** Loads the next page of messages missing between a window far back and the newer ones; rejects with the reason. */
  loadGap(room: string): Promise<void>
  /** Acts as the server's operator with `token` (kept for this tab, presented again after every reconnection); rejects with the refusal. */
  actAsOperator(token: string): Promise<void>
  /** How much the room calls for attention, for this session everywhere: shown at once, put back if refused. */
  setNotifyLevel(room: string, level: NotifyLevel): void
  /** Opens the direct conversation with `person` (who must be connected) and shows it; rejects with the refusal. */
  openDirect(person: string): Promise<void>
}

/** Provided once by `ChatProvider`; its value never changes, so it re-renders nobody. */
export const ChatContext = createContext<{ store: ChatStore; client: ChatClient; actions: ChatActions } | null>(null)

function useChatContext() {
  const value = useContext(ChatContext)
  if (!value) throw new Error('Chat hooks must be used inside <ChatProvider>')
  return value
}

/**
 * A slice of the chat's state, e.g. `useChatSelector((s) => s.timelines[room])`: the
 * component re-renders when that slice changes, and only then (see `useStoreSelector`).
 */
export function useChatSelector<T>(selector: (state: ChatState) => T, isEqual?: (a: T, b: T) => boolean): T {
  return useStoreSelector(useChatContext().store, selector, isEqual)
}

/** The store itself, for event handlers that read the state once without re-rendering on it. */
export function useChatStore(): ChatStore {
  return useChatContext().store
}

/** The chat's actions, stable across renders. */
export function useChatActions(): ChatActions {
  return useChatContext().actions
}

/** The chat's wsx client, for requests outside the chat's state (a search). */
export function useChatClient(): ChatClient {
  return useChatContext().client
}

/** The connection's status, re-rendering when it changes. */
export function useChatStatus(): ConnectionStatus {
  return useConnectionStatus(useChatContext().client)
}
