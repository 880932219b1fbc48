import { useEffect, useId, useState } from 'react'
import { inviteLink } from '../../chat/browser/route.ts'
import type { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { inputClass, Outcome, Section, secondaryButton, useRequestState } from './parts.tsx'

/** A private room's invite link, to copy or replace (the old link then admits nobody new). */
export function InviteSetting({ room, admin }: { room: string; admin: ReturnType<typeof useRoomAdmin> }) {
  const id = useId()
  const [link, setLink] = useState<string | null>(null)
  const { pending, error, done, run } = useRequestState()

  useEffect(() => {
    void run(async () => {
      setLink(inviteLink(window.location.origin, room, await admin.invite()))
      return null
    })
  }, [room, admin, run])

  async function copy() {
    if (link === null) return
    await run(async () => {
      try {
        await navigator.clipboard.writeText(link)
      } catch {
        // No clipboard here (plain http, or refused): the link is selected to copy by hand.
        document.querySelector<HTMLInputElement>(`[id="${id}"]`)?.select()
        return 'Select the link and copy it.'
      }
      return 'Link copied.'
    })
  }

  return (
    <Section title="Invite link">
      <p className="mb-2 text-sm text-muted">This room is private: only people with the link can join it.</p>
      <label htmlFor={id} className="sr-only">
        Invite link
      </label>
      <input
        id={id}
        readOnly
        value={link ?? (pending ? 'Loading…' : '')}
        onFocus={(event) => event.currentTarget.select()}
        className={`${inputClass} font-mono text-xs`}
      />
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" disabled={link === null} onClick={() => void copy()} className={secondaryButton}>
          Copy
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              setLink(inviteLink(window.location.origin, room, await admin.invite(true)))
              return 'A new link replaces the old one: the old one admits nobody new.'
            })
          }
          className={secondaryButton}
        >
          Replace link
        </button>
      </div>
      <Outcome error={error} done={done} />
    </Section>
  )
}
