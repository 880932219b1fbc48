import { DEFAULT_NOTIFY_LEVEL } from '@parley/events/rules'
import { useEffect } from 'react'
import { notifyState } from '../browser/notifications.ts'
import { foldName, mentionsUser } from '../model/mentions.ts'
import type { ChatClient } from '../net/client.ts'
import type { ChatStore } from '../store.ts'

/**
 * Shows a browser notification, while the page is hidden and if the reader turned them on,
 * for a message that the room's notification level asks for: any message from others
 * (`all`), one that mentions us (`mentions`, the default) or none (`nothing`). Clicking it
 * brings the page and that room forward.
 */
export function useMentionNotifications(client: ChatClient, store: ChatStore, select: (room: string) => void): void {
  useEffect(
    () =>
      client.on('message', (message) => {
        const { username, rooms, notify } = store.getState()
        if (document.visibilityState === 'visible' || notifyState() !== 'on') return
        if (username === null || !rooms.includes(message.room)) return
        if (foldName(message.username) === foldName(username)) return
        const level = notify[message.room] ?? DEFAULT_NOTIFY_LEVEL
        if (level === 'nothing' || (level === 'mentions' && !mentionsUser(message.message, username))) return
        const notification = new Notification(`${message.username} in #${message.room}`, {
          body: message.message,
          tag: `parley-${message.room}`,
        })
        notification.onclick = () => {
          window.focus()
          select(message.room)
          notification.close()
        }
      }),
    [client, store, select],
  )
}
