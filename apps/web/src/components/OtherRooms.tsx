import type { RoomSummary } from '@parley/events'
import { useState } from 'react'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import type { ChatState } from '../chat/model/state.ts'
import { RoomButton } from './RoomButton.tsx'
import { SectionHeading } from './SectionHeading.tsx'

function othersOf(state: ChatState): RoomSummary[] {
  return state.directory.filter((room) => !state.rooms.includes(room.name) && room.members > 0)
}

function sameRooms(a: readonly RoomSummary[], b: readonly RoomSummary[]): boolean {
  return (
    a.length === b.length &&
    a.every((room, index) => room.name === b[index]?.name && room.members === b[index]?.members)
  )
}

/**
 * The rooms with people in them that this tab is not in, to join with a click. It alone
 * reads the server's room directory, which every join and leave anywhere changes, and
 * re-renders only when the rooms it lists change. While there are none it stays, hidden.
 */
export function OtherRooms({ onJoined }: { onJoined?: () => void }) {
  const { joinRoom } = useChatActions()
  const others = useChatSelector(othersOf, sameRooms)
  const [joinError, setJoinError] = useState<string | null>(null)

  function joinListed(name: string) {
    setJoinError(null)
    joinRoom(name).then(onJoined, (error: unknown) =>
      setJoinError(error instanceof Error ? error.message : `Could not join ${name}.`),
    )
  }

  return (
    <section aria-labelledby="other-rooms-heading" hidden={others.length === 0}>
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
  )
}
