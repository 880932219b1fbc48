import { useCallback, useEffect } from 'react'
import { describeError } from '../model/errors.ts'
import type { ChatClient } from '../net/client.ts'
import { joinAs } from '../net/join-as.ts'
import type { ChatStore } from '../store.ts'

const DIRECT_TIMEOUT_MS = 5_000

/**
 * Direct conversations: `openDirect` asks the server for the room shared with a person and
 * opens it; when someone opens one with us (`directRoomOpened`, on any of this session's
 * tabs), it is joined without leaving the room on screen, so it shows with its unread count.
 */
export function useDirectRooms(
  client: ChatClient,
  store: ChatStore,
  joinRoom: (room: string) => Promise<void>,
): { openDirect(person: string): Promise<void> } {
  useEffect(
    () =>
      client.on('directRoomOpened', ({ room, from }) => {
        const { username, rooms } = store.getState()
        if (username === null || rooms.includes(room)) return
        joinAs(client, username, room).then(
          (answer) => store.dispatch({ type: 'joined', username, answer, select: false }),
          (error: unknown) =>
            store.dispatch({
              type: 'notice',
              notice: `${from} wants to talk privately, but the conversation could not be opened: ${describeError(error)}`,
            }),
        )
      }),
    [client, store],
  )

  const openDirect = useCallback(
    async (person: string) => {
      let room: string
      try {
        ;({ room } = await client.request('directRoom', { username: person }, { timeout: DIRECT_TIMEOUT_MS }))
      } catch (error) {
        throw new Error(describeError(error))
      }
      await joinRoom(room)
    },
    [client, joinRoom],
  )
  return { openDirect }
}
