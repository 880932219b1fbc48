import { useEffect, useState } from 'react'
import { useChatSelector } from '../chat/context.ts'
import { describeSeconds, describeUntil } from '../chat/model/room-change-text.ts'
import { mutedUntil } from '../chat/model/room-settings.ts'

/**
 * When our mute in `room` ends (`null`: for good), or `undefined` when we are not muted;
 * re-renders when the mute runs out.
 */
export function useMutedUntil(room: string): number | null | undefined {
  const standing = useChatSelector((state) => state.standing[room])
  // Bumped when the mute runs out, to draw again.
  const [, setExpired] = useState(0)
  const until = mutedUntil(standing, Date.now())
  useEffect(() => {
    if (typeof until !== 'number') return
    const timer = setTimeout(() => setExpired((count) => count + 1), Math.max(0, until - Date.now()) + 100)
    return () => clearTimeout(timer)
  }, [until])
  return until
}

/**
 * The room's rules as they bear on writing: muted (until when), or slow mode's pace. Always
 * there (empty when nothing applies), so that a mute arriving is announced.
 */
export function RoomRulesNote({ id, room, muted }: { id: string; room: string; muted: number | null | undefined }) {
  const slowMode = useChatSelector((state) => state.roomSettings[room]?.settings.slowModeSeconds ?? 0)
  const text =
    muted !== undefined
      ? `You are muted in #${room} ${muted === null ? 'for good' : `until ${describeUntil(muted, Date.now())}`}: you can read, but not send. What you type is kept.`
      : slowMode > 0
        ? `Slow mode: one message every ${describeSeconds(slowMode)}`
        : ''
  return (
    <p
      id={id}
      role="status"
      data-testid="room-rules"
      className={`mt-1.5 px-1 empty:hidden ${muted !== undefined ? 'text-sm font-medium text-amber-800 dark:text-amber-300' : 'text-xs text-muted'}`}
    >
      {text}
    </p>
  )
}
