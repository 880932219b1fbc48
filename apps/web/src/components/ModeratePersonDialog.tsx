import { useId, useState } from 'react'
import { useChatSelector } from '../chat/context.ts'
import { type Moderation, useRoomAdmin } from '../chat/hooks/useRoomAdmin.ts'
import { describeMinutes } from '../chat/model/room-change-text.ts'
import { CloseIcon } from './icons.tsx'
import { dangerButton, Outcome, secondaryButton, useRequestState } from './room-settings/parts.tsx'
import { ServerBanActions } from './ServerBanActions.tsx'
import { useModalDialog } from './useModalDialog.ts'

const HOUR = 60
const DAY = 24 * HOUR

interface ModeratePersonDialogProps {
  room: string
  person: string
  onClose(): void
}

/**
 * What an owner, a moderator or the operator can do to one person in a room: mute them for
 * a while, unmute, remove them, ban them for a day or for good (with their address, if
 * asked); the operator also bans them from the whole server, or lifts that ban. Each says
 * what was done, or the server's refusal; the dialog stays open until closed.
 */
export function ModeratePersonDialog({ room, person, onClose }: ModeratePersonDialogProps) {
  const id = useId()
  const dialogRef = useModalDialog(onClose)
  const admin = useRoomAdmin(room)
  const operator = useChatSelector((state) => state.operator)
  const [withAddress, setWithAddress] = useState(false)
  const { pending, error, done, run } = useRequestState()

  const act = (action: Moderation, said: string) =>
    void run(async () => ((await admin.moderate(action)) ? said : 'Nothing to change.'))
  const ban = (minutes: number | undefined) => {
    const action: Moderation = { username: person, action: 'ban' }
    if (minutes !== undefined) action.minutes = minutes
    if (withAddress) action.address = true
    const span = minutes === undefined ? 'for good' : `for ${describeMinutes(minutes)}`
    act(action, `${person} is banned ${span}${withAddress ? ', with their address' : ''}.`)
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      className="m-auto w-[min(24rem,calc(100vw-1rem))] rounded-2xl border border-line bg-raised p-5 text-ink shadow-2xl backdrop:bg-slate-950/50"
    >
      <div className="flex items-center gap-2">
        <h2 id={`${id}-title`} className="min-w-0 flex-1 truncate text-base font-semibold">
          Moderate {person}
        </h2>
        <button
          type="button"
          aria-label="Close"
          onClick={() => dialogRef.current?.close()}
          className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-muted hover:bg-hover hover:text-ink"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
      <fieldset disabled={pending} className="mt-3 space-y-3">
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Mute</legend>
          {[10, HOUR, DAY].map((minutes) => (
            <button
              key={minutes}
              type="button"
              onClick={() =>
                act(
                  { username: person, action: 'mute', minutes },
                  `${person} is muted for ${describeMinutes(minutes)}.`,
                )
              }
              className={secondaryButton}
            >
              Mute {describeMinutes(minutes)}
            </button>
          ))}
          <button
            type="button"
            onClick={() => act({ username: person, action: 'unmute' }, `${person} can send again.`)}
            className={secondaryButton}
          >
            Unmute
          </button>
        </fieldset>
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Remove or ban</legend>
          <button
            type="button"
            onClick={() => act({ username: person, action: 'remove' }, `${person} was removed from #${room}.`)}
            className={dangerButton}
          >
            Remove from room
          </button>
          <button type="button" onClick={() => ban(DAY)} className={dangerButton}>
            Ban 1 day
          </button>
          <button type="button" onClick={() => ban(undefined)} className={dangerButton}>
            Ban for good
          </button>
        </fieldset>
        <label className="flex items-center gap-2 text-sm text-ink-soft">
          <input type="checkbox" checked={withAddress} onChange={(event) => setWithAddress(event.target.checked)} />
          Bans cover the addresses {person} connects from too
        </label>
        {operator && <ServerBanActions person={person} withAddress={withAddress} run={run} />}
      </fieldset>
      <Outcome error={error} done={done} />
    </dialog>
  )
}
