import { useState } from 'react'
import { useChatSelector } from '../chat/context.ts'
import { type Moderation, useRoomAdmin } from '../chat/hooks/useRoomAdmin.ts'
import { describeMinutes } from '../chat/model/room-change-text.ts'
import { dangerButton, Outcome, secondaryButton, useRequestState } from './room-settings/parts.tsx'
import { ServerBanActions } from './ServerBanActions.tsx'

const HOUR = 60
const DAY = 24 * HOUR

/**
 * What an owner, a moderator or the operator can do to one person in a room: mute them for
 * a while, unmute, remove them, ban them for a day or for good (with their address, if
 * asked); the operator also bans them from the whole server, or lifts that ban. Each says
 * what was done, or the server's refusal.
 */
export function ModerationControls({ room, person }: { room: string; person: string }) {
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
    <>
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
    </>
  )
}
