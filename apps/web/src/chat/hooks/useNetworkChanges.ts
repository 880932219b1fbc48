import { useEffect } from 'react'
import type { ChatClient } from '../net/client.ts'

/**
 * Follows the browser's own idea of the network. Going offline does not close an open
 * WebSocket (Chromium keeps it open and silent), so the connection is dropped here and
 * the banner says so; coming back online reconnects at once instead of after the backoff.
 */
export function useNetworkChanges(client: ChatClient): void {
  useEffect(() => {
    const wentOffline = () => client.reconnect()
    const cameOnline = () => {
      if (client.status !== 'open') client.reconnect()
    }
    window.addEventListener('offline', wentOffline)
    window.addEventListener('online', cameOnline)
    return () => {
      window.removeEventListener('offline', wentOffline)
      window.removeEventListener('online', cameOnline)
    }
  }, [client])
}
