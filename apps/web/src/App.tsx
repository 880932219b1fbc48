import { lazy, Suspense, useEffect } from 'react'
import { useChatSelector } from './chat/context.ts'
import { loadChatView } from './chat-view.ts'
import { ConnectionBanner } from './components/ConnectionBanner.tsx'
import { JoinScreen } from './components/JoinScreen.tsx'
import { whenPaintedAndIdle } from './when-idle.ts'

const ChatLayout = lazy(loadChatView)

export function App() {
  const inChat = useChatSelector((state) => state.username !== null && state.rooms.length > 0)

  // The join screen paints on the entry chunk alone; the chat view loads once it has, while
  // the person types a name, so joining shows the chat at once. A session that comes back
  // straight into the chat loads it at the first render instead. A failed load here starts
  // the page's recovery like any other (see preload-recovery.ts).
  useEffect(() => {
    if (!inChat) return whenPaintedAndIdle(() => void loadChatView().catch(() => undefined))
  }, [inChat])

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <ConnectionBanner />
      {inChat ? (
        <Suspense fallback={<div className="flex-1 bg-surface" />}>
          <ChatLayout />
        </Suspense>
      ) : (
        <JoinScreen />
      )}
    </div>
  )
}
