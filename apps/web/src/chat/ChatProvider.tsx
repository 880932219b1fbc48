import type { JoinResponse } from '@parley/events'
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react'
import type { ChatClient } from './client.ts'
import { ChatContext, type ChatContextValue } from './context.ts'
import { describeError, isTransient } from './errors.ts'
import { describeRejoinFailures, joinWithToken, type RejoinFailure } from './joining.ts'
import { loadOutbox, loadSession, saveLastUsername, saveSession } from './persistence.ts'
import { browserTokens } from './session-token.ts'
import { chatReducer, initialChatState } from './state.ts'
import { useConnectionStatus } from './useConnectionStatus.ts'
import { useNetworkChanges } from './useNetworkChanges.ts'
import { useRoomHistory } from './useRoomHistory.ts'
import { useSavedOutbox, useSending } from './useSending.ts'
import { useServerPushes } from './useServerPushes.ts'

const JOIN_TIMEOUT_MS = 10_000
const SMALL_TIMEOUT_MS = 5_000

/** Holds the chat's one connection state: joined rooms, timelines, presence, and the actions on them. */
export function ChatProvider({ client, children }: { client: ChatClient; children: ReactNode }) {
  const [state, dispatch] = useReducer(chatReducer, null, () => initialChatState(loadSession(), loadOutbox()))
  const status = useConnectionStatus(client)
  const stateRef = useRef(state)
  useLayoutEffect(() => {
    stateRef.current = state
  })

  useServerPushes(client, dispatch)
  useNetworkChanges(client)
  useSavedOutbox(state.timelines)
  const { resume, loadOlder } = useRoomHistory(client, dispatch, stateRef)
  const { send, retry } = useSending(client, dispatch, stateRef)

  const refreshDirectory = useCallback(() => {
    client
      .request('listRooms', {}, { timeout: SMALL_TIMEOUT_MS })
      .then(({ rooms }) => dispatch({ type: 'directory', rooms }))
      .catch(() => {
        // The `rooms` push keeps the list fresh anyway.
      })
  }, [client])

  // On every (re)connection, join again every room this tab was in, under the same name and
  // the browser's token, and fetch what each of them missed meanwhile (the rooms not on screen too).
  useEffect(() => {
    const rejoin = async () => {
      const { username, rooms } = stateRef.current
      if (username === null || rooms.length === 0) return
      const outcomes = await Promise.all(
        rooms.map(async (room): Promise<RejoinFailure | null> => {
          try {
            const answer = await joinWithToken(client, browserTokens, username, room, JOIN_TIMEOUT_MS)
            const held = stateRef.current.timelines[answer.room]
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
      const notice = describeRejoinFailures(outcomes.filter((outcome) => outcome !== null))
      if (notice !== null) dispatch({ type: 'notice', notice })
      refreshDirectory()
    }
    const unsubscribe = client.onOpen(() => void rejoin())
    if (client.status === 'open') void rejoin()
    client.connect()
    return () => {
      unsubscribe()
    }
  }, [client, refreshDirectory, resume])

  const { username, rooms, current } = state
  useEffect(() => {
    saveSession(username !== null && rooms.length > 0 ? { username, rooms, current } : null)
  }, [username, rooms, current])

  const join = useCallback(
    async (username: string, room: string) => {
      let answer: JoinResponse
      try {
        answer = await joinWithToken(client, browserTokens, username, room, JOIN_TIMEOUT_MS)
      } catch (error) {
        throw new Error(describeError(error))
      }
      if (!answer.success) throw new Error(answer.message || 'The server refused to let you in.')
      saveLastUsername(username)
      dispatch({ type: 'notice', notice: null })
      dispatch({ type: 'joined', username, answer, select: true })
      refreshDirectory()
    },
    [client, refreshDirectory],
  )

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
    [client],
  )

  const joinRoom = useCallback(
    async (room: string) => {
      const { username, rooms } = stateRef.current
      if (username === null) throw new Error('Pick a username first.')
      if (rooms.includes(room)) return select(room)
      await join(username, room)
    },
    [join, select],
  )

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
    [client, refreshDirectory],
  )

  const signOut = useCallback(async () => {
    const { rooms } = stateRef.current
    await Promise.all(
      rooms.map((room) => client.request('leave', { room }, { timeout: SMALL_TIMEOUT_MS }).catch(() => undefined)),
    )
    dispatch({ type: 'signedOut' })
  }, [client])

  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), [])

  const value = useMemo<ChatContextValue>(
    () => ({ state, status, join, joinRoom, leave, select, send, retry, loadOlder, signOut, dismissNotice }),
    [state, status, join, joinRoom, leave, select, send, retry, loadOlder, signOut, dismissNotice],
  )

  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>
}
