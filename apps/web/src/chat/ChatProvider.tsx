import type { JoinResponse } from '@parley/events'
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { loadOutbox, loadSession, saveLastUsername, saveSession } from './browser/persistence.ts'
import { inviteFromHash, roomFromPath } from './browser/route.ts'
import { type ChatActions, ChatContext } from './context.ts'
import { useContinueLink } from './hooks/useContinueLink.ts'
import { useDirectRooms } from './hooks/useDirectRooms.ts'
import { useDocumentTitle } from './hooks/useDocumentTitle.ts'
import { useMentionNotifications } from './hooks/useMentionNotifications.ts'
import { useMessageChanges } from './hooks/useMessageChanges.ts'
import { useNetworkChanges } from './hooks/useNetworkChanges.ts'
import { useOperator } from './hooks/useOperator.ts'
import { usePageVisible } from './hooks/usePageVisible.ts'
import { useReadMarks } from './hooks/useReadMarks.ts'
import { useRoomAddress } from './hooks/useRoomAddress.ts'
import { useRoomHistory } from './hooks/useRoomHistory.ts'
import { useSavedOutbox, useSending } from './hooks/useSending.ts'
import { useServerClose } from './hooks/useServerClose.ts'
import { useServerPushes } from './hooks/useServerPushes.ts'
import { useStoreSelector } from './hooks/useStoreSelector.ts'
import { useTyping } from './hooks/useTyping.ts'
import { describeError, isTransient } from './model/errors.ts'
import { initialChatState } from './model/state.ts'
import type { ChatClient } from './net/client.ts'
import { joinAs } from './net/join-as.ts'
import { describeRejoinFailures, type JoinOptions, type RejoinFailure } from './net/joining.ts'
import { createChatStore } from './store.ts'

const SMALL_TIMEOUT_MS = 5_000

/** The invite link this page was opened with is used: its fragment goes from the address bar. */
function forgetInviteLink(): void {
  if (window.location.hash === '') return
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search)
}

/**
 * Holds the chat's one connection state (joined rooms, timelines, presence) in a store, and
 * the actions on it. It re-renders only when the session or the address changes; components
 * read the state through `useChatSelector`.
 */
export function ChatProvider({ client, children }: { client: ChatClient; children: ReactNode }) {
  // The room the address names (`/r/<room>`, or an invite link's `#room=…&invite=…`), to open
  // once connected; read once, at start.
  const linkedInvite = useRef(inviteFromHash(window.location.hash))
  const linkedRoom = useRef(roomFromPath(window.location.pathname) ?? linkedInvite.current?.room ?? null)
  const [store] = useState(() => createChatStore(initialChatState(loadSession(), loadOutbox(), linkedRoom.current)))
  const { dispatch, getState } = store

  useServerPushes(client, dispatch)
  useServerClose(client, store)
  useNetworkChanges(client)
  useSavedOutbox(store)
  useDocumentTitle(store)
  const { resume, loadOlder, reach, loadGap } = useRoomHistory(client, store)
  const { send, retry } = useSending(client, store)
  const { editMessage, deleteMessage, toggleReaction, retryChange, dismissChange } = useMessageChanges(client, store)
  const typing = useTyping(client, store)
  const { actAsOperator, presentOperatorToken } = useOperator(client, dispatch)
  const { setNotifyLevel } = useReadMarks(client, store)

  const refreshDirectory = useCallback(() => {
    client
      .request('listRooms', {}, { timeout: SMALL_TIMEOUT_MS })
      .then(({ rooms }) => dispatch({ type: 'directory', rooms }))
      .catch(() => {
        // The `rooms` push keeps the list fresh anyway.
      })
  }, [client, dispatch])

  const join = useCallback(
    async (username: string, room: string, options?: JoinOptions) => {
      let answer: JoinResponse
      try {
        answer = await joinAs(client, username, room, options)
      } catch (error) {
        throw new Error(describeError(error))
      }
      if (!answer.success) throw new Error(answer.message || 'The server refused to let you in.')
      if (options?.invite !== undefined) forgetInviteLink()
      saveLastUsername(username)
      dispatch({ type: 'notice', notice: null })
      dispatch({ type: 'joined', username, answer, select: true })
      refreshDirectory()
    },
    [client, dispatch, refreshDirectory],
  )

  // On every (re)connection, join again every room this tab was in, under the same name and
  // the browser's token, and fetch what each of them missed meanwhile (the rooms not on screen too).
  // The first time, open the room the address names if this tab is not in it yet.
  useEffect(() => {
    const rejoin = async () => {
      // The operator first: rooms only the operator may enter are joined again as the operator.
      // Not awaited: the server answers a connection's requests in order, and the joins must be
      // written in this handler, before the messages queued while disconnected go out.
      void presentOperatorToken()
      const { username, rooms } = getState()
      if (username === null || rooms.length === 0) return
      const outcomes = await Promise.all(
        rooms.map(async (room): Promise<RejoinFailure | null> => {
          try {
            const answer = await joinAs(client, username, room)
            const held = getState().timelines[answer.room]
            dispatch({ type: 'joined', username, answer, select: false })
            void resume(answer.room, held, answer)
            return null
          } catch (error) {
            if (isTransient(error)) return null // the next reconnection tries again
            // Refused (the name is taken now, say): drop the room rather than ask again and again.
            dispatch({ type: 'left', room })
            return { room, reason: describeError(error) }
          }
        }),
      )
      const failures = outcomes.filter((outcome) => outcome !== null)
      const notices = [describeRejoinFailures(failures)]
      const linked = linkedRoom.current
      const invite = linkedInvite.current?.room === linked ? linkedInvite.current?.invite : undefined
      linkedRoom.current = null
      linkedInvite.current = null
      // Still in at least one room (so still under this name): open the linked room as well.
      if (linked !== null && failures.length < rooms.length && !rooms.includes(linked)) {
        notices.push(
          await join(username, linked, invite === undefined ? undefined : { invite }).then(
            () => null,
            (error: unknown) => `Could not open #${linked}: ${describeError(error)}`,
          ),
        )
      }
      const notice = notices.filter((text) => text !== null).join(' ')
      if (notice !== '') dispatch({ type: 'notice', notice })
      refreshDirectory()
    }
    const unsubscribe = client.onOpen(() => void rejoin())
    if (client.status === 'open') void rejoin()
    client.connect()
    return () => {
      unsubscribe()
    }
  }, [client, dispatch, getState, refreshDirectory, resume, join, presentOperatorToken])

  const username = useStoreSelector(store, (state) => state.username)
  const rooms = useStoreSelector(store, (state) => state.rooms)
  const current = useStoreSelector(store, (state) => state.current)
  useEffect(() => {
    saveSession(username !== null && rooms.length > 0 ? { username, rooms, current } : null)
  }, [username, rooms, current])
  useRoomAddress(username, current)

  // The room on screen is being read while the page is visible and its newest message in view.
  const visible = usePageVisible()
  const [atNewest, setAtNewest] = useState(true)
  useEffect(() => {
    dispatch({ type: 'reading', reading: visible && atNewest })
  }, [dispatch, visible, atNewest])

  const select = useCallback(
    (room: string) => {
      dispatch({ type: 'select', room })
      client
        .request('presence', { room }, { timeout: SMALL_TIMEOUT_MS })
        .then((snapshot) => dispatch({ type: 'presence', room: snapshot.room, users: snapshot.users }))
        .catch(() => {
          // Presence stays as the pushes left it.
        })
    },
    [client, dispatch],
  )
  useMentionNotifications(client, store, select)

  const joinRoom = useCallback(
    async (room: string, options?: JoinOptions) => {
      const { username, rooms } = getState()
      if (username === null) throw new Error('Pick a username first.')
      if (rooms.includes(room)) return select(room)
      await join(username, room, options)
    },
    [getState, join, select],
  )
  const { openDirect } = useDirectRooms(client, store, joinRoom)

  // An invite link opened in this tab while in the chat (the fragment changes, the page stays): join with it.
  useEffect(() => {
    const onHashChange = () => {
      const link = inviteFromHash(window.location.hash)
      if (link === null || getState().username === null) return
      joinRoom(link.room, { invite: link.invite }).then(forgetInviteLink, (error: unknown) =>
        dispatch({ type: 'notice', notice: `Could not open #${link.room}: ${describeError(error)}` }),
      )
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [dispatch, getState, joinRoom])

  const leave = useCallback(
    async (room: string) => {
      try {
        await client.request('leave', { room }, { timeout: SMALL_TIMEOUT_MS })
      } catch {
        // Leaving locally is enough: a room we no longer list is not rejoined on reconnect.
      }
      dispatch({ type: 'left', room })
      refreshDirectory()
    },
    [client, dispatch, refreshDirectory],
  )

  const signOut = useCallback(async () => {
    const { rooms } = getState()
    await Promise.all(
      rooms.map((room) => client.request('leave', { room }, { timeout: SMALL_TIMEOUT_MS }).catch(() => undefined)),
    )
    dispatch({ type: 'signedOut' })
    window.history.replaceState(window.history.state, '', '/')
  }, [client, dispatch, getState])

  useContinueLink(store, join, signOut)

  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), [dispatch])
  const markRead = useCallback((room: string) => dispatch({ type: 'markRead', room }), [dispatch])
  const setReplyTo = useCallback(
    (room: string, seq: number | null) => dispatch({ type: 'replyTo', room, seq }),
    [dispatch],
  )
  const setEditing = useCallback(
    (room: string, seq: number | null) => dispatch({ type: 'editing', room, seq }),
    [dispatch],
  )

  const actions = useMemo<ChatActions>(
    () => ({
      join,
      joinRoom,
      leave,
      select,
      send,
      retry,
      loadOlder,
      signOut,
      dismissNotice,
      markRead,
      setAtNewest,
      typing,
      editMessage,
      deleteMessage,
      toggleReaction,
      retryChange,
      dismissChange,
      setReplyTo,
      setEditing,
      reach,
      loadGap,
      actAsOperator,
      setNotifyLevel,
      openDirect,
    }),
    [
      join,
      joinRoom,
      leave,
      select,
      send,
      retry,
      loadOlder,
      signOut,
      dismissNotice,
      markRead,
      typing,
      editMessage,
      deleteMessage,
      toggleReaction,
      retryChange,
      dismissChange,
      setReplyTo,
      setEditing,
      reach,
      loadGap,
      actAsOperator,
      setNotifyLevel,
      openDirect,
    ],
  )
  const value = useMemo(() => ({ store, client, actions }), [store, client, actions])

  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>
}
