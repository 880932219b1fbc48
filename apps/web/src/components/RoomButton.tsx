import { useId } from 'react'
import { HashIcon } from './icons.tsx'

interface RoomButtonProps {
  name: string
  members: number | undefined
  unread?: number
  current?: boolean
  muted?: boolean
  onClick(): void
}

/**
 * A room in the list. Its accessible name is the room's name alone; the member and unread
 * counts are its description, so "general" finds the button and not "general 3 members".
 */
export function RoomButton({ name, members, unread = 0, current = false, muted = false, onClick }: RoomButtonProps) {
  const detailsId = useId()
  const details = [
    members === undefined ? null : `${members} ${members === 1 ? 'member' : 'members'}`,
    unread > 0 ? `${unread} unread` : null,
  ]
    .filter(Boolean)
    .join(', ')

  return (
    <>
      <button
        type="button"
        aria-current={current ? 'true' : undefined}
        aria-describedby={details ? detailsId : undefined}
        onClick={onClick}
        className={`flex w-full min-w-0 items-center gap-2 rounded-md py-1.5 pr-9 pl-2 text-left text-sm transition focus-visible:outline-2 focus-visible:outline-accent-500 ${
          current
            ? 'bg-white font-semibold text-slate-900 shadow-xs ring-1 ring-slate-200'
            : muted
              ? 'text-slate-500 hover:bg-slate-200/60 hover:text-slate-900'
              : 'text-slate-700 hover:bg-slate-200/60 hover:text-slate-900'
        }`}
      >
        <HashIcon
          className={`size-4 shrink-0 ${current ? 'text-accent-600' : muted ? 'text-slate-300' : 'text-slate-400'}`}
        />
        <span className="truncate">{name}</span>
        <span aria-hidden="true" className="ml-auto flex shrink-0 items-center gap-1.5">
          {unread > 0 && (
            <span className="rounded-full bg-accent-600 px-1.5 py-px text-[11px] font-semibold text-white tabular-nums">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
          {members !== undefined && <span className="text-xs font-normal text-slate-400 tabular-nums">{members}</span>}
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
