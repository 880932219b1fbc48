import type { ComponentType } from 'react'

let loading: Promise<{ default: ComponentType }> | null = null

/**
 * The chat view's chunk (room list, virtual message list, composer), loaded once: the join
 * screen paints without it. The first call starts the download; a failed download is tried
 * again by the next call. The shape is what `React.lazy` takes.
 */
export function loadChatView(): Promise<{ default: ComponentType }> {
  loading ??= import('./components/ChatLayout.tsx').then(
    (module) => ({ default: module.ChatLayout }),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}
