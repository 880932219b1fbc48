import { useChat } from './chat/context.ts'
import { ChatLayout } from './components/ChatLayout.tsx'
import { ConnectionBanner } from './components/ConnectionBanner.tsx'
import { JoinScreen } from './components/JoinScreen.tsx'

export function App() {
  const { state } = useChat()
  const inChat = state.username !== null && state.rooms.length > 0

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <ConnectionBanner />
      {inChat ? <ChatLayout /> : <JoinScreen />}
    </div>
  )
}
