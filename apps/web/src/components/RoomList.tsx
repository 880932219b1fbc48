import { useChatSelector } from '../chat/context.ts'
import type { ChatState } from '../chat/model/state.ts'
import { CloseIcon, LogoMark } from './icons.tsx'
import { JoinedRoom } from './JoinedRoom.tsx'
import { JoinRoomForm } from './JoinRoomForm.tsx'
import { OtherRooms } from './OtherRooms.tsx'
import { SectionHeading } from './SectionHeading.tsx'
import { UserBadge } from './UserBadge.tsx'

const isDirect = (state: ChatState, room: string) => state.roomSettings[room]?.settings.direct !== undefined
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((room, index) => room === b[index])

/**
 * The rooms: those joined, direct conversations apart (switch, leave; with unread and mention counts), a form for any
 * name, and the others with people in them (join). Counts follow the server's pushes live.
 */
export function RoomList({ onNavigate }: { onNavigate?: () => void }) {
  const rooms = useChatSelector((state) => state.rooms.filter((room) => !isDirect(state, room)), sameList)
  const directs = useChatSelector((state) => state.rooms.filter((room) => isDirect(state, room)), sameList)
  const current = useChatSelector((state) => state.current)

  return (
    <nav aria-label="Rooms" className="flex h-full min-h-0 flex-col">
      <div className="flex h-14 shrink-0 items-center gap-2.5 border-b border-line px-4">
        <LogoMark className="size-7" />
        <span className="flex-1 text-[15px] font-semibold tracking-tight text-ink">Parley</span>
        <button
          type="button"
          aria-label="Close rooms"
          onClick={onNavigate}
          className="inline-flex size-8 items-center justify-center rounded-lg text-muted hover:bg-hover hover:text-ink md:hidden"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>

      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto py-4">
        <section aria-labelledby="joined-rooms-heading">
          <SectionHeading id="joined-rooms-heading">Your rooms</SectionHeading>
          <ul className="space-y-0.5 px-2">
            {rooms.map((room) => (
              <JoinedRoom key={room} room={room} current={room === current} onNavigate={onNavigate} />
            ))}
          </ul>
        </section>

        {directs.length > 0 && (
          <section aria-labelledby="direct-rooms-heading">
            <SectionHeading id="direct-rooms-heading">Direct messages</SectionHeading>
            <ul className="space-y-0.5 px-2">
              {directs.map((room) => (
                <JoinedRoom key={room} room={room} current={room === current} onNavigate={onNavigate} />
              ))}
            </ul>
          </section>
        )}

        {/* The form stays put when rooms elsewhere come and go: the other rooms list below it. */}
        <JoinRoomForm onJoined={onNavigate} />

        <OtherRooms onJoined={onNavigate} />
      </div>

      <UserBadge />
    </nav>
  )
}
