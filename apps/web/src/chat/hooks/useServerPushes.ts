import { useEffect } from 'react'
import type { ChatAction } from '../model/state.ts'
import type { ChatClient } from '../net/client.ts'

/** Feeds the server's pushes (messages and changes to them, changes to rooms, presence, typing, room counts) into the store, for every joined room. */
export function useServerPushes(client: ChatClient, dispatch: (action: ChatAction) => void): void {
  useEffect(() => {
    const unsubscribers = [
      client.on('message', (message) => dispatch({ type: 'message', message })),
      client.on('messageChanged', (change) => dispatch({ type: 'changed', change })),
      client.on('roomChanged', (change) => dispatch({ type: 'roomChanged', change, live: true })),
      client.on('userJoined', ({ room, username }) => dispatch({ type: 'userJoined', room, username })),
      client.on('userLeft', ({ room, username }) => dispatch({ type: 'userLeft', room, username })),
      client.on('userTyping', ({ room, username }) => dispatch({ type: 'typing', room, username, at: Date.now() })),
      client.on('rooms', ({ rooms }) => dispatch({ type: 'directory', rooms })),
    ]
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [client, dispatch])
}
