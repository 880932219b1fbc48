import { useChatActions, useChatSelector } from '../chat/context.ts'
import { useRoomTitle } from '../chat/hooks/useRoomTitle.ts'
import { CloseIcon } from './icons.tsx'
import { RoomButton } from './RoomButton.tsx'

interface JoinedRoomProps {
  room: string
  current: boolean
  /** After switching to the room (closes the drawer on narrow screens). */
  onNavigate?: () => void
}

/**
 * A room this tab is in, in the room list: switch to it (with its member, unread and mention
 * counts; a direct conversation is called by the other person's name) or leave it. It reads
 * its own counts, so news in one room re-renders that room alone.
 */
export function JoinedRoom({ room, current, onNavigate }: JoinedRoomProps) {
  const { select, leave } = useChatActions()
  const members = useChatSelector(
    (state) => state.directory.find((entry) => entry.name === room)?.members ?? state.presence[room]?.length,
  )
  const unread = useChatSelector((state) => (current ? 0 : (state.unread[room] ?? 0)))
  const mentions = useChatSelector((state) => (current ? 0 : (state.mentions[room] ?? 0)))
  const { title, direct } = useRoomTitle(room)
  const locked = useChatSelector((state) => state.roomSettings[room]?.settings.private ?? false)
  const leaveLabel = direct ? `Leave the conversation with ${title}` : `Leave ${room}`

  return (
    <li className="group relative flex items-center">
      <RoomButton
        name={title}
        direct={direct}
        members={direct ? undefined : members}
        unread={unread}
        mentions={mentions}
        current={current}
        locked={locked}
        onClick={() => {
          select(room)
          onNavigate?.()
        }}
      />
      <button
        type="button"
        aria-label={leaveLabel}
        title={leaveLabel}
        onClick={() => void leave(room)}
        className={`absolute right-1 inline-flex size-7 items-center justify-center rounded text-muted transition hover:bg-rose-50 hover:text-rose-700 focus-visible:opacity-100 dark:hover:bg-rose-950 dark:hover:text-rose-300 ${
          current ? '' : 'md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100'
        }`}
      >
        <CloseIcon className="size-3.5" />
      </button>
    </li>
  )
}
