import { lazy, Suspense } from 'react'
import { useChatSelector } from './chat/context.ts'
import { ConnectionBanner } from './components/ConnectionBanner.tsx'
import { JoinScreen } from './components/JoinScreen.tsx'

// The chat view (virtual list, composer, room list) is not needed to paint the join screen:
// it loads beside the entry (a modulepreload in index.html) and is in by the time anyone joins.
const ChatLayout = lazy(() => import('./components/ChatLayout.tsx').then((module) => ({ default: module.ChatLayout })))

export function App() {
  const inChat = useChatSelector((state) => state.username !== null && state.rooms.length > 0)

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
