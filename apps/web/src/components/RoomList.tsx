import { useMemo, useState } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { CloseIcon, LogoMark } from './icons.tsx'
import { JoinedRoom } from './JoinedRoom.tsx'
import { JoinRoomForm } from './JoinRoomForm.tsx'
import { RoomButton } from './RoomButton.tsx'
import { UserBadge } from './UserBadge.tsx'

function SectionHeading({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="px-4 pb-1.5 text-xs font-semibold tracking-wide text-muted uppercase">
      {children}
    </h2>
  )
}

/**
 * The rooms: those joined (switch, leave; with unread and mention counts), the others with
 * people in them (join), and a form for any name. Counts follow the server's pushes live.
 */
export function RoomList({ onNavigate }: { onNavigate?: () => void }) {
  const { joinRoom } = useChatActions()
  const rooms = useChatSelector((state) => state.rooms)
  const current = useChatSelector((state) => state.current)
  const directory = useChatSelector((state) => state.directory)
  const [joinError, setJoinError] = useState<string | null>(null)
  const others = useMemo(
    () => directory.filter((room) => !rooms.includes(room.name) && room.members > 0),
    [directory, rooms],
  )

  function joinListed(name: string) {
    setJoinError(null)
    joinRoom(name).then(onNavigate, (error: unknown) =>
      setJoinError(error instanceof Error ? error.message : `Could not join ${name}.`),
    )
  }

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

        {others.length > 0 && (
          <section aria-labelledby="other-rooms-heading">
            <SectionHeading id="other-rooms-heading">Other rooms</SectionHeading>
            <ul className="space-y-0.5 px-2">
              {others.map((room) => (
                <li key={room.name}>
                  <RoomButton name={room.name} members={room.members} muted onClick={() => joinListed(room.name)} />
                </li>
              ))}
            </ul>
            {joinError && (
              <p role="alert" className="mx-4 mt-2 text-sm text-rose-700 dark:text-rose-300">
                {joinError}
              </p>
            )}
          </section>
        )}

        <JoinRoomForm onJoined={onNavigate} />
      </div>

      <UserBadge />
    </nav>
  )
}
