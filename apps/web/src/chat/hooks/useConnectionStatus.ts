import type { ConnectionStatus } from '@parley/wsx/client'
import { useCallback, useSyncExternalStore } from 'react'
import type { ChatClient } from '../net/client.ts'

/** The client's connection status, re-rendering on every change. */
export function useConnectionStatus(client: ChatClient): ConnectionStatus {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribe = client.onStatus(onChange)
      return () => {
        unsubscribe()
      }
    },
    [client],
  )
  return useSyncExternalStore(subscribe, () => client.status)
}
