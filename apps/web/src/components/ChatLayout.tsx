import { useEffect, useState } from 'react'
import { useChat } from '../chat/context.ts'
import { emptyTimeline } from '../chat/timeline.ts'
import { Composer } from './Composer.tsx'
import { MessagePane } from './MessagePane.tsx'
import { Notice } from './Notice.tsx'
import { PresenceSidebar } from './PresenceSidebar.tsx'
import { RoomHeader } from './RoomHeader.tsx'
import { RoomList } from './RoomList.tsx'

export type Panel = 'rooms' | 'people'

const NOT_LOADED = emptyTimeline()
const NOBODY: string[] = []

/**
 * The chat: rooms on the left, the current room in the middle, its people on the right.
 * On narrow screens the two side panels slide over the conversation when asked for.
 */
export function ChatLayout() {
  const { state } = useChat()
  const [panel, setPanel] = useState<Panel | null>(null)
  const room = state.current ?? state.rooms[0] ?? ''
  const username = state.username ?? ''
  const close = () => setPanel(null)

  useEffect(() => {
    if (panel === null) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setPanel(null)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [panel])

  return (
    <div className="relative flex min-h-0 flex-1">
      {panel !== null && (
        <button
          type="button"
          aria-label="Close panel"
          onClick={close}
          className={`fixed inset-0 z-30 animate-fade-in bg-slate-900/30 backdrop-blur-[1px] ${
            panel === 'rooms' ? 'md:hidden' : 'lg:hidden'
          }`}
        />
      )}

      <div
        id="room-list-panel"
        className={`${panel === 'rooms' ? 'flex animate-slide-in-left motion-reduce:animate-none' : 'hidden'} fixed inset-y-0 left-0 z-40 w-72 max-w-[85vw] flex-col border-r border-slate-200 bg-slate-50 shadow-xl md:static md:z-auto md:flex md:w-64 md:max-w-none md:shrink-0 md:animate-none md:shadow-none`}
      >
        <RoomList onNavigate={close} />
      </div>

      <main className="flex min-w-0 flex-1 flex-col bg-white">
        <RoomHeader room={room} people={state.presence[room]?.length ?? 0} panel={panel} onToggle={setPanel} />
        <Notice />
        <MessagePane key={room} room={room} timeline={state.timelines[room] ?? NOT_LOADED} username={username} />
        <Composer room={room} />
      </main>

      <div
        id="people-panel"
        className={`${panel === 'people' ? 'flex animate-slide-in-right motion-reduce:animate-none' : 'hidden'} fixed inset-y-0 right-0 z-40 w-72 max-w-[85vw] flex-col border-l border-slate-200 bg-white shadow-xl lg:static lg:z-auto lg:flex lg:w-60 lg:max-w-none lg:shrink-0 lg:animate-none lg:shadow-none`}
      >
        <PresenceSidebar room={room} users={state.presence[room] ?? NOBODY} username={username} />
      </div>
    </div>
  )
}
