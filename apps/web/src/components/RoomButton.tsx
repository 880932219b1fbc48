import { useId } from 'react'
import { HashIcon, LockIcon } from './icons.tsx'

interface RoomButtonProps {
  /** What the room is called on screen (the other person's name for a direct conversation). */
  name: string
  members: number | undefined
  unread?: number
  /** Of the unread messages, those that mention us. */
  mentions?: number
  current?: boolean
  muted?: boolean
  /** A private room (one we are in): a lock instead of "#", and "private room" in its description. */
  locked?: boolean
  /** A direct conversation (private too): "direct conversation" in its description. */
  direct?: boolean
  onClick(): void
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

/**
 * A room in the list. Its accessible name is the room's name alone; whether it is private and
 * the member, unread and mention counts are its description, so "general" finds the button
 * and not "general 3 members".
 */
export function RoomButton({
  name,
  members,
  unread = 0,
  mentions = 0,
  current = false,
  muted = false,
  locked = false,
  direct = false,
  onClick,
}: RoomButtonProps) {
  const detailsId = useId()
  const details = [
    direct ? 'direct conversation' : locked ? 'private room' : null,
    members === undefined ? null : plural(members, 'member', 'members'),
    unread > 0 ? `${unread > 999 ? '999+' : unread} unread` : null,
    mentions > 0 ? plural(mentions, 'mention', 'mentions') : null,
  ]
    .filter(Boolean)
    .join(', ')
  const loud = unread > 0 && !current

  return (
    <>
      <button
        type="button"
        aria-current={current ? 'true' : undefined}
        aria-describedby={details ? detailsId : undefined}
        onClick={onClick}
        className={`flex w-full min-w-0 items-center gap-2 rounded-md py-1.5 pr-9 pl-2 text-left text-sm transition ${
          current
            ? 'bg-surface font-semibold text-ink shadow-xs ring-1 ring-line'
            : muted
              ? 'text-muted hover:bg-hover hover:text-ink'
              : `${loud ? 'font-semibold text-ink' : 'text-ink-soft'} hover:bg-hover hover:text-ink`
        }`}
      >
        {locked ? (
          <LockIcon
            data-testid="room-lock"
            className={`size-4 shrink-0 ${current ? 'text-accent-ink' : 'text-muted'}`}
          />
        ) : (
          <HashIcon className={`size-4 shrink-0 ${current ? 'text-accent-ink' : 'text-muted'}`} />
        )}
        <span className="truncate">{name}</span>
        <span aria-hidden="true" className="ml-auto flex shrink-0 items-center gap-1.5">
          {mentions > 0 && (
            <span
              data-testid="room-mentions"
              className="rounded-full bg-rose-600 px-1.5 py-px text-[11px] font-semibold text-white tabular-nums"
            >
              @{mentions > 99 ? '99+' : mentions}
            </span>
          )}
          {unread > 0 && (
            <span
              data-testid="room-unread"
              className="rounded-full bg-accent-600 px-1.5 py-px text-[11px] font-semibold text-white tabular-nums"
            >
              {unread > 99 ? '99+' : unread}
            </span>
          )}
          {members !== undefined && (
            <span data-testid="room-members" className="text-xs font-normal text-muted tabular-nums">
              {members}
            </span>
          )}
        </span>
      </button>
      {details && (
        <span id={detailsId} hidden>
          {details}
        </span>
      )}
    </>
  )
}
