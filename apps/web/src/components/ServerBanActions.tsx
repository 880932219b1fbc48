import { useServerBan } from '../chat/hooks/useServerBan.ts'
import { describeMinutes } from '../chat/model/room-change-text.ts'
import { dangerButton, secondaryButton } from './room-settings/parts.tsx'

const DAY = 24 * 60

interface ServerBanActionsProps {
  person: string
  /** The ban covers the addresses the person connects from too. */
  withAddress: boolean
  /** Runs a request and shows what came of it (the dialog's `useRequestState`). */
  run(work: () => Promise<string | null>): Promise<void>
}

/**
 * The operator's part of the people menu: ban the person from the whole server (their
 * connections close and every room refuses them) for a day or for good, or lift that ban.
 */
export function ServerBanActions({ person, withAddress, run }: ServerBanActionsProps) {
  const serverBan = useServerBan()
  const ban = (minutes: number | undefined) => {
    const span = minutes === undefined ? 'for good' : `for ${describeMinutes(minutes)}`
    void run(async () => {
      const changed = await serverBan({
        username: person,
        action: 'ban',
        ...(minutes === undefined ? {} : { minutes }),
        ...(withAddress ? { address: true } : {}),
      })
      if (!changed) return `${person} is banned from the server already.`
      return `${person} is banned from the server ${span}${withAddress ? ', with their address' : ''}.`
    })
  }
  const lift = () =>
    void run(async () =>
      (await serverBan({ username: person, action: 'unban' }))
        ? `${person} may come back to the server.`
        : `${person} is not banned from the server.`,
    )

  return (
    <fieldset className="flex flex-wrap gap-2 border-t border-line pt-3">
      <legend className="float-left mb-2 w-full text-xs font-semibold tracking-wide text-muted uppercase">
        The whole server (operator)
      </legend>
      <button type="button" onClick={() => ban(DAY)} className={dangerButton}>
        Ban from the server for 1 day
      </button>
      <button type="button" onClick={() => ban(undefined)} className={dangerButton}>
        Ban from the server for good
      </button>
      <button type="button" onClick={lift} className={secondaryButton}>
        Lift server ban
      </button>
    </fieldset>
  )
}
